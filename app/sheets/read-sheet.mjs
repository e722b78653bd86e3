/**
 * The rows of an uploaded XLSX (its first sheet) or CSV (UTF-8, with or without a BOM) file as text cells, within
 * limits an expert list never reaches: a file past them is refused with its reason before the spreadsheet library
 * builds anything large (a zip bomb unpacked to its limit only, a sheet's rows counted in its XML first). Runs on
 * a worker thread (app/sheets/sheet-worker.mjs), never on the thread serving pages.
 */
import { parse } from 'csv-parse/sync'
import { unpackZip, ZipRefused } from './zip-entries.mjs'

export const sheetLimits = {
  /** Rows after the header: an expert pool is hundreds, not millions. */
  maxRows: 2000,
  /** Characters in one cell; the longest field (an expert's ties) is a few hundred. */
  maxCellChars: 2000,
  /** All files inside an XLSX together, unpacked: a 2,000-row list is about 2 MB. */
  maxUnpackedBytes: 16 * 1024 * 1024,
  maxEntries: 256,
}

/** @typedef {'unreadable' | 'tooLarge' | 'tooManyRows' | 'cellTooLong'} SheetRefusal */

export class SheetRefused extends Error {
  /** @param {SheetRefusal} reason */
  constructor(reason) {
    super(`sheet refused: ${reason}`)
    this.reason = reason
  }
}

/** @param {import('exceljs').CellValue} value @returns {string} */
function cellText(value) {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('')
    if ('result' in value) return cellText(/** @type {import('exceljs').CellValue} */ (value.result ?? ''))
    if ('text' in value) return String(value.text)
    return ''
  }
  return String(value)
}

/** @param {string[][]} rows */
function checkCells(rows) {
  for (const row of rows)
    for (const cell of row) if (cell.length > sheetLimits.maxCellChars) throw new SheetRefused('cellTooLong')
  return rows
}

const rowTag = /<(?:[A-Za-z]+:)?row[\s>/]/g
// A cell's value or a text run, as it stands in the XML (entities not yet decoded, so up to 6 bytes a character).
const textRun = /<(?:[A-Za-z]+:)?[tv](?:\s[^>]*)?>([^<]*)</g

/**
 * The XML counted before the library reads it: more rows than the limit in any sheet, or a text far longer than a
 * cell may be, and the file is refused without building its model (which takes seconds and hundreds of MB).
 * @param {Map<string, Buffer>} entries
 */
function precheck(entries) {
  for (const [name, bytes] of entries) {
    const isSheet = /^xl\/worksheets\/[^/]+\.xml$/.test(name)
    const isStrings = name === 'xl/sharedStrings.xml'
    if (!isSheet && !isStrings) continue
    const xml = bytes.toString('latin1')
    if (isSheet) {
      let rows = 0
      rowTag.lastIndex = 0
      while (rowTag.exec(xml)) if (++rows > sheetLimits.maxRows + 1) throw new SheetRefused('tooManyRows')
    }
    textRun.lastIndex = 0
    for (let match = textRun.exec(xml); match; match = textRun.exec(xml))
      if ((match[1]?.length ?? 0) > sheetLimits.maxCellChars * 6) throw new SheetRefused('cellTooLong')
  }
}

/** @param {Uint8Array} bytes @returns {Promise<string[][]>} */
async function readXlsx(bytes) {
  try {
    precheck(unpackZip(bytes, { maxEntries: sheetLimits.maxEntries, maxTotalBytes: sheetLimits.maxUnpackedBytes }))
  } catch (error) {
    if (error instanceof ZipRefused) throw new SheetRefused(error.reason)
    throw error
  }
  const { default: Excel } = await import('exceljs')
  const workbook = new Excel.Workbook()
  try {
    await workbook.xlsx.load(/** @type {ArrayBuffer} */ (/** @type {unknown} */ (Buffer.from(bytes))))
  } catch {
    throw new SheetRefused('unreadable')
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) return []
  /** @type {string[][]} */
  const rows = []
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = /** @type {import('exceljs').CellValue[]} */ (row.values)
    rows.push(values.slice(1).map((v) => cellText(v).trim()))
  })
  if (rows.length > sheetLimits.maxRows + 1) throw new SheetRefused('tooManyRows')
  return checkCells(rows)
}

/** @param {Uint8Array} bytes @returns {string[][]} */
function readCsv(bytes) {
  let text
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')
  } catch {
    throw new SheetRefused('unreadable')
  }
  /** @type {string[][]} */
  let records
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true, to: sheetLimits.maxRows + 2 })
  } catch {
    throw new SheetRefused('unreadable')
  }
  if (records.length > sheetLimits.maxRows + 1) throw new SheetRefused('tooManyRows')
  return checkCells(records.map((row) => row.map((cell) => cell.trim())))
}

/**
 * Which kind the file is comes from its first bytes (an XLSX is a ZIP), not from its name.
 * @param {Uint8Array} bytes
 * @returns {Promise<string[][]>}
 */
export async function readSheetBytes(bytes) {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b
  return isZip ? readXlsx(bytes) : readCsv(bytes)
}
