import { formatPoints } from '#workflows/review/scoring'
import { neutraliseCell } from './csv.server'
import type { SheetCell, SheetToWrite } from '~/sheets/write-sheet.mjs'
import { httpError } from './http.server'
import type { ExportCell } from './ranking-export.server'
import { WorkerPool, WorkerPoolFull } from './worker-pool.server'
import { downloadName } from '~/utils/rehearsal-scope.server'

/** How wide a text shows: a Chinese character takes about two columns of a Latin one. */
function displayWidth(text: string): number {
  let width = 0
  for (const char of text) width += /[\u2e80-\u9fff\uff00-\uffef]/.test(char) ? 2 : 1
  return width
}

/** A cell as CSV text: points with two decimals, counts as they are. */
export function cellText(cell: ExportCell): string {
  if (typeof cell === 'string') return cell
  return 'points' in cell ? formatPoints(cell.points) : String(cell.count)
}

/** Exports are written by one worker at a time (the secretariat's, a few an hour); a queue of eight. */
let pool: WorkerPool<{ write: SheetToWrite }, Uint8Array> | undefined
function exportPool() {
  pool ??= new WorkerPool({ file: 'app/sheets/sheet-worker.mjs', size: 1, queueLimit: 8, timeoutMs: 120_000 })
  return pool
}

/**
 * An export as an XLSX workbook: the header row frozen and bold, columns as wide as their content (within
 * reason), numbers stored as numbers (points with two decimals), and text that a spreadsheet would take for a
 * formula written as text. The cells are prepared here; the workbook is written on a worker thread (a cycle's
 * ranking is tens of thousands of cells), and a full queue answers 503.
 */
export async function toXlsx(
  sheetName: string,
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<ExportCell>>,
): Promise<Uint8Array> {
  const cells: SheetCell[][] = rows.map((row) =>
    row.map((cell) =>
      typeof cell === 'string'
        ? neutraliseCell(cell)
        : 'points' in cell
          ? { number: cell.points / 100, format: '0.00' }
          : { number: cell.count },
    ),
  )
  const widths = header.map((title, i) => {
    let widest = displayWidth(title)
    for (const row of rows) widest = Math.max(widest, displayWidth(cellText(row[i] ?? '')))
    return Math.min(60, Math.max(6, widest + 2))
  })
  try {
    return await exportPool().run({ write: { sheetName, header: [...header], rows: cells, widths } })
  } catch (error) {
    if (error instanceof WorkerPoolFull) throw httpError(503, 'errors.exportBusy', { headers: { 'Retry-After': '5' } })
    throw error
  }
}

export function xlsxResponse(bytes: Uint8Array, filename: string): Response {
  return new Response(Buffer.from(bytes), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${downloadName(filename)}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
