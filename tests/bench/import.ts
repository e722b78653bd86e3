/**
 * `npm run bench:import` (issue 18): can an uploaded spreadsheet stall the server or eat its memory? Reads a zip
 * bomb (300 MB unpacked from well under 1 MB), a list of 100,000 rows, a cell of 10 MB and an honest list of 2,000
 * experts through the import's own reader (a worker thread), and reports for each the time to the answer, the
 * growth of this process's resident memory, and the longest stall of this thread's event loop meanwhile.
 * Targets: a refusal within 1 s, memory within 100 MB of before. Not a test: the figures go into the README.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { readSheet } from '~/utils/spreadsheet.server'
import { expertHeader, sheetXml, xlsxBomb, xlsxOf, xlsxRows } from '../fixtures/spreadsheets'

const files: Array<[string, Buffer]> = [
  ['zip bomb (300 MB unpacked)', xlsxBomb(300)],
  ['100,000 rows', xlsxRows(100_000)],
  ['one 10 MB cell', xlsxOf(sheetXml([expertHeader, ['李明', 'x'.repeat(10 * 1024 * 1024)]]))],
  ['2,000 experts (accepted)', xlsxRows(2000)],
]

// The worker's first start (and exceljs's first load) is paid once, as a running server has paid it.
await readSheet(new Uint8Array(xlsxRows(1)))

console.log('| file | size | answer | time ms | memory growth MB | longest event-loop stall ms |')
console.log('| --- | --- | --- | --- | --- | --- |')
for (const [name, bytes] of files) {
  global.gc?.()
  const rssBefore = process.memoryUsage().rss
  let peak = rssBefore
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10)
  const delay = monitorEventLoopDelay({ resolution: 5 })
  delay.enable()
  const started = performance.now()
  const answer = await readSheet(new Uint8Array(bytes)).then(
    (rows) => `${rows.length - 1} rows read`,
    async (refusal: unknown) =>
      refusal instanceof Response
        ? `${refusal.status} ${((await refusal.json()) as { messageKey: string }).messageKey}`
        : String(refusal),
  )
  const ms = performance.now() - started
  delay.disable()
  clearInterval(sampler)
  console.log(
    `| ${name} | ${(bytes.length / 1024).toFixed(0)} KB | ${answer} | ${ms.toFixed(0)} | ${((peak - rssBefore) / 1e6).toFixed(0)} | ${(delay.max / 1e6).toFixed(0)} |`,
  )
}
process.exit(0)
