/**
 * The request log's writer. On Linux, writes to stdout are synchronous whether it is a file, a pipe or a terminal,
 * so one write per request held the event loop for a system call on every page (issue 19). Lines are gathered
 * and written together, at most `flushMs` later or once `maxBytes` have gathered, and whatever is left is written
 * synchronously when the process exits, so no line is lost on a normal stop.
 */
import fs from 'node:fs'

/**
 * @param {{ fd?: number, flushMs?: number, maxBytes?: number }} [options]
 * @returns {{ write(line: string): void, flush(): void }}
 */
export function bufferedLog({ fd = 1, flushMs = 100, maxBytes = 64 * 1024 } = {}) {
  /** @type {string[]} */
  let lines = []
  let bytes = 0
  /** @type {NodeJS.Timeout | null} */
  let timer = null
  const flush = () => {
    if (timer) clearTimeout(timer)
    timer = null
    if (lines.length === 0) return
    const text = lines.join('')
    lines = []
    bytes = 0
    try {
      fs.writeSync(fd, text)
    } catch {
      // A closed or broken log (EPIPE) must not take the server down with it.
    }
  }
  process.once('exit', flush)
  return {
    write(line) {
      lines.push(line)
      bytes += line.length
      if (bytes >= maxBytes) flush()
      else if (!timer) {
        timer = setTimeout(flush, flushMs)
        timer.unref()
      }
    },
    flush,
  }
}

/**
 * The middleware that writes one line per request, as morgan's 'tiny' format did (method, URL with its secrets
 * masked, status, length, time): `GET /results 200 5120 - 3.412 ms`. Written here rather than through morgan
 * (decision record 0037): morgan's per-request work (a start time taken twice, a header hook, on-finished's
 * listeners, a compiled format reading tokens) was 3 % of an empty page. The line is written when the response
 * ends or its connection closes first; an answer that never sent its headers logs its status as `-`.
 *
 * @param {{ write(line: string): void }} log
 * @param {(url: string) => string} redact
 * @returns {(req: import('node:http').IncomingMessage & { originalUrl?: string }, res: import('node:http').ServerResponse, next: () => void) => void}
 */
export function requestLogger(log, redact) {
  return (req, res, next) => {
    const started = performance.now()
    res.once('close', () => {
      const status = res.headersSent ? res.statusCode : '-'
      const length = res.getHeader('content-length') ?? '-'
      const ms = (performance.now() - started).toFixed(3)
      log.write(`${req.method} ${redact(req.originalUrl ?? req.url ?? '')} ${status} ${length} - ${ms} ms\n`)
    })
    next()
  }
}
