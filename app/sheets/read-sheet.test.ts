import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { expertHeader, sheetXml, xlsxBomb, xlsxOf, xlsxRows, zipOf } from '../../tests/fixtures/spreadsheets'
import { readSheetBytes, SheetRefused, sheetLimits } from './read-sheet.mjs'
import { unpackZip, ZipRefused } from './zip-entries.mjs'

async function refusal(read: Promise<unknown>): Promise<string> {
  const error = await read.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(SheetRefused)
  return (error as SheetRefused).reason
}

const limits = { maxEntries: 8, maxTotalBytes: 1024 * 1024 }

describe('unpacking a ZIP within limits', () => {
  it('gives back every file as it was packed', () => {
    const entries = unpackZip(
      zipOf([
        { name: 'a.xml', content: '<a>甲</a>' },
        { name: 'b/c.xml', content: 'x'.repeat(10_000) },
      ]),
      limits,
    )
    expect(entries.get('a.xml')?.toString()).toBe('<a>甲</a>')
    expect(entries.get('b/c.xml')?.length).toBe(10_000)
  })

  it('refuses a bomb by what it claims, and one whose headers lie by what it unpacks to', () => {
    const big = Buffer.alloc(4 * 1024 * 1024, 'x')
    const refuse = (bytes: Buffer) => {
      try {
        unpackZip(bytes, limits)
      } catch (error) {
        return (error as ZipRefused).reason
      }
      return 'read'
    }
    expect(refuse(zipOf([{ name: 'big.xml', content: big }]))).toBe('tooLarge')
    // The headers say 100 bytes; unpacking stops at the limit, not at 4 MB.
    expect(refuse(zipOf([{ name: 'big.xml', content: big, claimedSize: 100 }]))).toBe('tooLarge')
    // Many files, each small, past the total.
    expect(
      refuse(zipOf(Array.from({ length: 5 }, (_, i) => ({ name: `${i}.xml`, content: Buffer.alloc(300_000, 'y') })))),
    ).toBe('tooLarge')
    expect(refuse(zipOf(Array.from({ length: 9 }, (_, i) => ({ name: `${i}.xml`, content: 'z' }))))).toBe('tooLarge')
  })

  it('calls what is not a ZIP, or a truncated one, unreadable', () => {
    const whole = zipOf([{ name: 'a.xml', content: 'x'.repeat(1000) }])
    for (const bytes of [Buffer.from('PK not really a zip at all, just text'), whole.subarray(0, whole.length - 30)]) {
      expect(() => unpackZip(bytes, limits)).toThrow(ZipRefused)
    }
  })
})

describe('reading an uploaded expert list', () => {
  it('reads an XLSX written by a spreadsheet program, and a CSV, as text cells', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('专家')
    sheet.addRow(expertHeader)
    sheet.addRow(['李明', 'li@experts.example'])
    sheet.addRow(['王芳', { richText: [{ text: 'wang@' }, { text: 'experts.example' }] }])
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer())
    expect(await readSheetBytes(xlsx)).toEqual([
      expertHeader,
      ['李明', 'li@experts.example'],
      ['王芳', 'wang@experts.example'],
    ])
    const csv = new TextEncoder().encode('\uFEFF姓名,电子邮箱\n李明 , li@experts.example\n')
    expect(await readSheetBytes(csv)).toEqual([expertHeader, ['李明', 'li@experts.example']])
  })

  it('refuses a zip bomb before unpacking it whole', async () => {
    const bomb = xlsxBomb(300)
    expect(bomb.length).toBeLessThan(1024 * 1024)
    expect(await refusal(readSheetBytes(bomb))).toBe('tooLarge')
  })

  it('refuses more rows than an expert list has, counted in the XML before the library reads them', async () => {
    expect(await refusal(readSheetBytes(xlsxRows(100_000)))).toBe('tooManyRows')
    expect(await readSheetBytes(xlsxRows(sheetLimits.maxRows))).toHaveLength(sheetLimits.maxRows + 1)
    expect(await refusal(readSheetBytes(xlsxRows(sheetLimits.maxRows + 1)))).toBe('tooManyRows')
    const csvRows = ['姓名,电子邮箱', ...Array.from({ length: 100_000 }, (_, i) => `专家${i},e${i}@experts.example`)]
    expect(await refusal(readSheetBytes(new TextEncoder().encode(csvRows.join('\n'))))).toBe('tooManyRows')
  })

  it('refuses a cell longer than any field of the form', async () => {
    const long = '长'.repeat(sheetLimits.maxCellChars + 1)
    expect(await refusal(readSheetBytes(xlsxOf(sheetXml([expertHeader, ['李明', long]]))))).toBe('cellTooLong')
    // Far past it: refused from the XML, before the library builds the cell.
    expect(await refusal(readSheetBytes(xlsxOf(sheetXml([expertHeader, ['李明', 'x'.repeat(1_000_000)]]))))).toBe(
      'cellTooLong',
    )
    expect(await refusal(readSheetBytes(new TextEncoder().encode(`姓名,电子邮箱\n${long},a@b.example\n`)))).toBe(
      'cellTooLong',
    )
  })

  it('calls a file that is neither an XLSX nor UTF-8 CSV unreadable', async () => {
    expect(await refusal(readSheetBytes(new Uint8Array([0xff, 0xfe, 0x00, 0x81])))).toBe('unreadable')
    // A ZIP without a workbook in it has no rows (the import then asks for its header row).
    expect(await readSheetBytes(zipOf([{ name: 'a.txt', content: 'not a workbook' }]))).toEqual([])
  })
})
