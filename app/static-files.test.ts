import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { staticFiles } from './static-files.mjs'

let base = ''
let close = () => {}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'award-static-'))

beforeAll(async () => {
  for (const [file, text] of Object.entries({
    'styles.css': 'body{}',
    'fonts/a.woff2': 'font',
    'assets/entry-abc123.js': 'export {}',
    '.vite/manifest.json': '{}',
  })) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    fs.writeFileSync(path.join(dir, file), text)
  }
  const app = express()
  app.use('/', staticFiles(dir, '/'))
  app.use((_req, res) => res.status(299).send('the app'))
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  close = () => server.close()
})
afterAll(() => {
  close()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('static files of the client build', () => {
  it('serves the copied public files for an hour and the fingerprinted assets for good', async () => {
    const styles = await fetch(`${base}/styles.css`)
    expect(styles.status).toBe(200)
    expect(await styles.text()).toBe('body{}')
    expect(styles.headers.get('cache-control')).toBe('public, max-age=3600')
    expect((await fetch(`${base}/fonts/a.woff2`)).status).toBe(200)
    const asset = await fetch(`${base}/assets/entry-abc123.js`)
    expect(asset.status).toBe(200)
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
  })

  it('hands every other path to the app: pages, unknown files, hidden ones, and posts', async () => {
    for (const pathname of ['/', '/results', '/nothing.css', '/.vite/manifest.json', '/assets/missing.js'])
      expect((await fetch(base + pathname)).status, pathname).toBe(299)
    expect((await fetch(`${base}/styles.css`, { method: 'POST' })).status).toBe(299)
  })
})
