import { describe, expect, it } from 'vitest'
import { displayWanYuan, parseWanYuan, wanYuan, wholeNumber, withoutGrouping } from '#workflows/fields'

describe('money in 万元', () => {
  it('is read exactly from what the applicant typed', () => {
    expect(parseWanYuan('0.07')).toBe(700)
    expect(parseWanYuan('-300')).toBe(-3_000_000)
    expect(parseWanYuan('1.234')).toBeNaN()
  })

  it('is shown with thousands separated and two decimals', () => {
    expect(displayWanYuan(parseWanYuan('30000'))).toBe('30,000.00')
    expect(displayWanYuan(parseWanYuan('5350.5'))).toBe('5,350.50')
    expect(displayWanYuan(parseWanYuan('-300'))).toBe('-300.00')
    expect(displayWanYuan(parseWanYuan('0.07'))).toBe('0.07')
  })
})

describe('numbers as people type them', () => {
  it('takes thousands separators and full-width digits, and refuses groups that are not thousands', () => {
    const employees = wholeNumber(1)
    expect(employees.parse('1,260')).toBe(1260)
    expect(employees.parse('1，260')).toBe(1260)
    expect(employees.parse('１２６０')).toBe(1260)
    expect(employees.parse(' 12 600 ')).toBe(12600)
    expect(employees.safeParse('12,6').error?.issues[0]?.message).toBe('errors.wholeNumber')
    expect(employees.safeParse('1,26,0').error?.issues[0]?.message).toBe('errors.wholeNumber')
    expect(employees.safeParse('').error?.issues[0]?.message).toBe('errors.required')
    const revenue = wanYuan({ allowNegative: false })
    expect(revenue.parse('30,000.5')).toBe(300_005_000)
    expect(parseWanYuan('-1,200')).toBe(-12_000_000)
    expect(revenue.safeParse('3,00.5').error?.issues[0]?.message).toBe('errors.moneyPositive')
    expect(withoutGrouping('1,234,567')).toBe('1234567')
  })
})
