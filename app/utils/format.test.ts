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

describe('formatted texts kept for the next page view', () => {
  it('give what the formatter gives for every minute and day, in both languages, seconds apart or not', () => {
    const zone = { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' } as const
    const start = Date.parse('2026-12-31T15:58:00.000Z')
    for (let second = 0; second < 300; second += 7) {
      const iso = new Date(start + second * 1000).toISOString()
      expect(formatDateTime(iso, 'zh'), iso).toBe(new Intl.DateTimeFormat('zh-CN', zone).format(new Date(iso)))
      expect(formatDateTime(iso, 'en'), iso).toBe(new Intl.DateTimeFormat('en-GB', zone).format(new Date(iso)))
    }
    // Across the new year in Beijing: 2027年1月1日 00:00 from 16:00 UTC on 31 December.
    expect(formatDateTime('2026-12-31T16:00:59.999Z', 'zh')).toBe('2027年1月1日 00:00')
    expect(formatDateTime('2026-12-31T15:59:59.999Z', 'zh')).toBe('2026年12月31日 23:59')
    for (const day of ['2027-01-05', '2027-01-06', '2024-02-29']) {
      expect(formatDay(day, 'en')).toBe(
        new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`)),
      )
    }
  })
})
