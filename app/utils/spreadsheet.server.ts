import type ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'

/** At most this many rows are read from an uploaded sheet: an expert pool is hundreds, not millions. */
export const maxSheetRows = 2000

/** A cell as text: numbers, dates, rich text and formulas' results alike; never a formula itself. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('')
    if ('result' in value) return cellText((value.result ?? '') as ExcelJS.CellValue)
    if ('text' in value) return String(value.text)
    return ''
  }
  return String(value)
}

/**
 * The rows of an uploaded XLSX (its first sheet) or CSV (UTF-8, with or without a BOM) file, as text cells.
 * Which one it is comes from the file's first bytes (an XLSX is a ZIP), not from its name.
 */
export async function readSheet(bytes: Uint8Array): Promise<string[][]> {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b
  if (isZip) {
    // Loaded on the first spreadsheet, not at start: exceljs took a third of a second of every server start.
    const { default: Excel } = await import('exceljs')
    const workbook = new Excel.Workbook()
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]
    if (!sheet) return []
    const rows: string[][] = []
    sheet.eachRow({ includeEmpty: false }, (row) => {
      if (rows.length >= maxSheetRows + 1) return
      const values = row.values as ExcelJS.CellValue[]
      rows.push(values.slice(1).map((v) => cellText(v).trim()))
    })
    return rows
  }
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')
  const records = parse(text, { relax_column_count: true, skip_empty_lines: true, to: maxSheetRows + 1 }) as string[][]
  return records.map((row) => row.map((cell) => cell.trim()))
}
