import { describe, expect, it } from 'vitest'
import { isNoticeOver, noticePeriod } from './notice'
import { builtInCalendar, isWorkingDay, withEnteredYears } from './working-days'

const calendar = builtInCalendar()
const endsAt = (start: string, days: number) => noticePeriod(start, days, calendar).endsAt

describe('public notice of five working days', () => {
  it('counts the start day when it is a working day and skips the weekend', () => {
    // Monday 2026-12-07, 10:00 Beijing: Mon..Fri, ends Friday 24:00 Beijing = Friday 16:00 UTC.
    expect(endsAt('2026-12-07T02:00:00.000Z', 5)).toBe('2026-12-11T16:00:00.000Z')
    // Wednesday 2026-12-09: Wed, Thu, Fri, Mon, Tue -> ends Tuesday 2026-12-15 24:00 Beijing.
    expect(endsAt('2026-12-09T02:00:00.000Z', 5)).toBe('2026-12-15T16:00:00.000Z')
  })

  it('starts counting on Monday when the notice starts at the weekend, in Beijing time', () => {
    // Friday 2026-12-11 17:00 UTC is already Saturday 01:00 in Beijing.
    expect(endsAt('2026-12-11T17:00:00.000Z', 5)).toBe('2026-12-18T16:00:00.000Z')
  })

  it('skips the National Day holiday and counts the Saturday worked in its place (调休)', () => {
    // Wed 30 Sep 2026 (1); 1–7 Oct holiday; Thu 8 (2), Fri 9 (3), Sat 10 worked (4), Sun 11 off, Mon 12 (5).
    expect(isWorkingDay('2026-10-05', calendar)).toBe(false)
    expect(isWorkingDay('2026-10-10', calendar)).toBe(true)
    expect(noticePeriod('2026-09-30T02:00:00.000Z', 5, calendar)).toEqual({
      endsAt: '2026-10-12T16:00:00.000Z',
      lastDay: '2026-10-12',
      unknownYears: [],
    })
  })

  it('says when the notice runs into a year whose official calendar is not known yet, and uses it once entered', () => {
    // Wed 30 Dec 2026: without 2027's calendar, New Year's Day would count as a working day.
    const unknown = noticePeriod('2026-12-30T02:00:00.000Z', 5, calendar)
    expect(unknown.unknownYears).toEqual([2027])
    // The secretariat enters 2027 (1–3 January off): the notice does not end on Tuesday 5 January.
    const entered = withEnteredYears(calendar, [
      { date: '2027-01-01', kind: 'holiday' },
      { date: '2027-01-02', kind: 'holiday' },
      { date: '2027-01-03', kind: 'holiday' },
    ])
    const known = noticePeriod('2026-12-30T02:00:00.000Z', 5, entered)
    expect(known.unknownYears).toEqual([])
    expect(known.lastDay).not.toBe('2027-01-05')
    expect(known.lastDay).toBe('2027-01-06')
  })

  it('ends at once when the cycle sets no notice days', () => {
    expect(endsAt('2026-12-07T02:00:00.000Z', 0)).toBe('2026-12-07T02:00:00.000Z')
  })

  it('is over from its end on, and never without an end', () => {
    expect(isNoticeOver('2026-12-11T16:00:00.000Z', '2026-12-11T15:59:59.999Z')).toBe(false)
    expect(isNoticeOver('2026-12-11T16:00:00.000Z', '2026-12-11T16:00:00.000Z')).toBe(true)
    expect(isNoticeOver(null, '2030-01-01T00:00:00.000Z')).toBe(false)
  })
})
