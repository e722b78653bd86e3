import { stringify } from 'csv-stringify/sync'

const formulaStart = /^[=+\-@\t\r]/
const plainNumber = /^-?\d+(\.\d+)?$/

/**
 * A cell a spreadsheet would read as a formula (`=HYPERLINK(...)`, `+cmd`, `@SUM`, or one led by a tab or
 * carriage return) is written with a leading apostrophe, so Excel and WPS show it as text and never run it.
 * Plain numbers, negative ones included, stay numbers.
 */
export function neutraliseCell(value: string): string {
  return formulaStart.test(value) && !plainNumber.test(value) ? `'${value}` : value
}

/**
 * Every export's CSV: a UTF-8 byte-order mark first (so Excel on Chinese Windows reads the names correctly),
 * every cell neutralised.
 */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  return '\uFEFF' + stringify(rows.map((row) => row.map(neutraliseCell)))
}
