import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, formatDay, formatLastDay, formatTime } from './format'

describe('dates and times as people read them', () => {
  it('shows Beijing time in each language, whatever the server\u2019s zone, and the same after the formatter is reused', () => {
    for (let i = 0; i < 2; i++) {
      expect(formatDateTime('2026-12-03T16:00:00.000Z', 'zh')).toBe('2026年12月4日 00:00')
      expect(formatDateTime('2026-12-03T16:00:00.000Z', 'en')).toBe('4 Dec 2026, 00:00')
      expect(formatDate('2026-12-03T16:00:00.000Z', 'zh')).toBe('2026年12月4日')
      expect(formatTime('2026-12-03T06:05:00.000Z', 'en')).toBe('14:05')
      expect(formatDay('2027-01-05', 'zh')).toBe('2027年1月5日')
      // A notice ending at 24:00 Beijing time of 3 December is shown by that day.
      expect(formatLastDay('2026-12-03T16:00:00.000Z', 'en')).toBe('3 December 2026')
    }
  })
})
