import { describe, expect, it } from 'vitest'
import { nameForYear, oneYearLater } from './next-cycle'

describe('the next cycle', () => {
  it('moves dates and instants one year on, 29 February to 28 February', () => {
    expect(oneYearLater('2026-12-31T15:59:59.999Z')).toBe('2027-12-31T15:59:59.999Z')
    expect(oneYearLater('2028-02-29')).toBe('2029-02-28')
    expect(oneYearLater('2027-02-28')).toBe('2028-02-28')
    expect(oneYearLater('2027-02-29T00:00:00.000Z')).toBe('2028-02-29T00:00:00.000Z')
  })

  it("names the year in the award's own wording", () => {
    expect(nameForYear('2026年度深圳市市长质量奖', 2026, 2027)).toBe('2027年度深圳市市长质量奖')
    expect(nameForYear("2026 Shenzhen Mayor's Quality Award", 2026, 2027)).toBe("2027 Shenzhen Mayor's Quality Award")
  })
})
