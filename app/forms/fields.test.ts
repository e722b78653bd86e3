import { describe, expect, it } from 'vitest'
import { displayWanYuan, parseWanYuan } from '#workflows/fields'

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
