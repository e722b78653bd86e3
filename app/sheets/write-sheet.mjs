/**
 * An export as an XLSX workbook, built on a worker thread (app/sheets/sheet-worker.mjs): the ranking of a large
 * cycle is tens of thousands of cells, which exceljs takes a second or more to write. The caller
 * (app/utils/xlsx.server.ts) has already turned each cell into text or a number and chosen the column widths.
 */

/**
 * @typedef {string | { number: number, format?: string }} SheetCell
 * @typedef {{ sheetName: string, header: string[], rows: SheetCell[][], widths: number[] }} SheetToWrite
 */

/** @param {SheetToWrite} sheetToWrite @returns {Promise<Uint8Array>} */
export async function writeSheet({ sheetName, header, rows, widths }) {
  const { default: Excel } = await import('exceljs')
  const workbook = new Excel.Workbook()
  // A fixed date: the same export gives the same file.
  workbook.created = new Date(0)
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.addRow(header).font = { bold: true }
  for (const row of rows) {
    const added = sheet.addRow(row.map((cell) => (typeof cell === 'string' ? cell : cell.number)))
    row.forEach((cell, i) => {
      if (typeof cell !== 'string' && cell.format) added.getCell(i + 1).numFmt = cell.format
    })
  }
  widths.forEach((width, i) => (sheet.getColumn(i + 1).width = width))
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}
