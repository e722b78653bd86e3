import { describe, expect, it } from 'vitest'
import { isNoticeOver, noticeEndsAt } from './notice'

describe('public notice of five working days', () => {
  it('counts the start day when it is a working day and skips the weekend', () => {
    // Monday 2026-12-07, 10:00 Beijing: Mon..Fri, ends Friday 24:00 Beijing = Friday 16:00 UTC.
    expect(noticeEndsAt('2026-12-07T02:00:00.000Z', 5)).toBe('2026-12-11T16:00:00.000Z')
    // Wednesday 2026-12-09: Wed, Thu, Fri, Mon, Tue -> ends Tuesday 2026-12-15 24:00 Beijing.
    expect(noticeEndsAt('2026-12-09T02:00:00.000Z', 5)).toBe('2026-12-15T16:00:00.000Z')
  })

  it('starts counting on Monday when the notice starts at the weekend, in Beijing time', () => {
    // Friday 2026-12-11 17:00 UTC is already Saturday 01:00 in Beijing.
    expect(noticeEndsAt('2026-12-11T17:00:00.000Z', 5)).toBe('2026-12-18T16:00:00.000Z')
  })

  it('ends at once when the cycle sets no notice days', () => {
    expect(noticeEndsAt('2026-12-07T02:00:00.000Z', 0)).toBe('2026-12-07T02:00:00.000Z')
  })

  it('is over from its end on, and never without an end', () => {
    expect(isNoticeOver('2026-12-11T16:00:00.000Z', '2026-12-11T15:59:59.999Z')).toBe(false)
    expect(isNoticeOver('2026-12-11T16:00:00.000Z', '2026-12-11T16:00:00.000Z')).toBe(true)
    expect(isNoticeOver(null, '2030-01-01T00:00:00.000Z')).toBe(false)
  })
})
