import { describe, expect, it } from 'vitest'
import { addDays, beijingDate, beijingLocalToIso, beijingToday, isoToBeijingLocal } from './time'

describe('Beijing time', () => {
  it('gives the Beijing date, which is a day ahead of UTC before 08:00 Beijing time', () => {
    expect(beijingDate('2026-12-01T15:59:59.999Z')).toBe('2026-12-01')
    expect(beijingDate('2026-12-01T16:00:00.000Z')).toBe('2026-12-02')
    expect(beijingToday(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01')
  })

  it('converts the minutes a form shows both ways, and counts calendar days across months and years', () => {
    expect(beijingLocalToIso('2026-12-31T23:59')).toBe('2026-12-31T15:59:00.000Z')
    expect(isoToBeijingLocal('2026-12-31T15:59:00.000Z')).toBe('2026-12-31T23:59')
    expect(addDays('2026-12-28', 5)).toBe('2027-01-02')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
  })
})
