import { describe, expect, it } from 'vitest'
import { neutraliseCell, toCsv } from './csv.server'

describe('spreadsheet cells never run as formulas', () => {
  it('prefixes cells that begin with =, +, -, @, tab or carriage return', () => {
    for (const value of ['=1+1', '+cmd|/C calc', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '=HYPERLINK("http://x")']) {
      expect(neutraliseCell(value), JSON.stringify(value)).toBe(`'${value}`)
    }
  })

  it('leaves names, plain numbers and negative numbers as they are', () => {
    for (const value of ['鹏城电子有限公司', '750.00', '-12.50', '-3', '', 'a=b'])
      expect(neutraliseCell(value)).toBe(value)
  })

  it('writes the byte-order mark and neutralised cells', () => {
    expect(
      toCsv([
        ['名称', '分数'],
        ['=1+1', '12.00'],
      ]),
    ).toBe("\uFEFF名称,分数\n'=1+1,12.00\n")
  })
})
