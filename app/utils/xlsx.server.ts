import { formatPoints } from '#workflows/review/scoring'
import { neutraliseCell } from './csv.server'
import type { ExportCell } from './ranking-export.server'

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

/**
 * An export as an XLSX workbook: the header row frozen and bold, columns as wide as their content (within
 * reason), numbers stored as numbers (points with two decimals), and text that a spreadsheet would take for a
 * formula written as text.
 */
export async function toXlsx(
  sheetName: string,
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<ExportCell>>,
): Promise<Uint8Array> {
  // Loaded on the first spreadsheet, not at start: exceljs took a third of a second of every server start.
  const { default: Excel } = await import('exceljs')
  const workbook = new Excel.Workbook()
  workbook.created = new Date(0)
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.addRow([...header]).font = { bold: true }
  for (const row of rows) {
    const added = sheet.addRow(
      row.map((cell) =>
        typeof cell === 'string' ? neutraliseCell(cell) : 'points' in cell ? cell.points / 100 : cell.count,
      ),
    )
    row.forEach((cell, i) => {
      if (typeof cell !== 'string' && 'points' in cell) added.getCell(i + 1).numFmt = '0.00'
    })
  }
  header.forEach((title, i) => {
    const widest = Math.max(displayWidth(title), ...rows.map((row) => displayWidth(cellText(row[i] ?? ''))))
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(6, widest + 2))
  })
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

export function xlsxResponse(bytes: Uint8Array, filename: string): Response {
  return new Response(Buffer.from(bytes), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
