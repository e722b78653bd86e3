import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { bufferedLog } from './request-log.mjs'

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
