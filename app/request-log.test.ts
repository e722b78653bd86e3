import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { redactUrl } from './log-redaction.mjs'
import { bufferedLog, requestLogger } from './request-log.mjs'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'award-log-'))
afterEach(() => vi.useRealTimers())

function logFile(name: string) {
  const file = path.join(dir, name)
  const fd = fs.openSync(file, 'w')
  return { fd, read: () => fs.readFileSync(file, 'utf8') }
}

describe('the request log', () => {
  it('writes the lines it gathers together, a moment later, in order', () => {
    vi.useFakeTimers()
    const { fd, read } = logFile('later.log')
    const log = bufferedLog({ fd, flushMs: 100 })
    log.write('GET / 200\n')
    log.write('GET /results 200\n')
    expect(read()).toBe('')
    vi.advanceTimersByTime(100)
    expect(read()).toBe('GET / 200\nGET /results 200\n')
  })

  it('writes at once when enough has gathered, and on flush (as on a stop)', () => {
    vi.useFakeTimers()
    const { fd, read } = logFile('full.log')
    const log = bufferedLog({ fd, flushMs: 10_000, maxBytes: 20 })
    log.write('GET /a 200\n')
    expect(read()).toBe('')
    log.write('GET /b 200\n')
    expect(read()).toBe('GET /a 200\nGET /b 200\n')
    log.write('GET /c 200\n')
    log.flush()
    expect(read()).toBe('GET /a 200\nGET /b 200\nGET /c 200\n')
  })

  it('does not stop the server when the log cannot be written', () => {
    const { fd } = logFile('closed.log')
    fs.closeSync(fd)
    const log = bufferedLog({ fd })
    log.write('GET / 200\n')
    expect(() => log.flush()).not.toThrow()
  })
})

describe('the line written for each request', () => {
  /** A real HTTP server with the logger in front of a handler; `lines` are what it wrote. */
  async function serverWith(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
    const lines: string[] = []
    const logger = requestLogger({ write: (line: string) => lines.push(line) }, redactUrl)
    const server = http.createServer((req, res) => logger(req, res, () => handler(req, res)))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    return { base, lines, close: () => new Promise((resolve) => server.close(resolve).closeAllConnections()) }
  }

  it('names the method, the URL with its secrets masked, the status, the length and the time', async () => {
    const { base, lines, close } = await serverWith((_req, res) => {
      res.setHeader('Content-Length', '5')
      res.statusCode = 404
      res.end('gone!')
    })
    try {
      expect((await fetch(`${base}/password/SecretToken123?next=/desk&token=abc`)).status).toBe(404)
      await expect.poll(() => lines.length).toBe(1)
      expect(lines[0]).toMatch(/^GET \/password\/\[redacted\]\?next=\/desk&token=\[redacted\] 404 5 - \d+\.\d{3} ms\n$/)
      expect(lines[0]).not.toContain('SecretToken123')
    } finally {
      await close()
    }
  })

  it('writes a line for a request whose client went away before any answer, its status as -', async () => {
    let abandon: () => void = () => {}
    const { base, lines, close } = await serverWith(() => {
      // The page never answers; the client gives up.
      abandon()
    })
    try {
      const controller = new AbortController()
      abandon = () => controller.abort()
      await expect(fetch(`${base}/slow`, { signal: controller.signal })).rejects.toThrow()
      await expect.poll(() => lines.length).toBe(1)
      expect(lines[0]).toMatch(/^GET \/slow - - - \d+\.\d{3} ms\n$/)
    } finally {
      await close()
    }
  })
})
