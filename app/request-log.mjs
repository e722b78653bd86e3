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
