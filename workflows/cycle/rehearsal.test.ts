import { describe, expect, it } from 'vitest'
import { clockAfterMove, rehearsalClock } from './rehearsal'

const now = '2026-12-03T02:00:00.000Z'

describe("a rehearsal's clock", () => {
  it('runs ahead of the real time by its offset', () => {
    expect(rehearsalClock(now, 0)).toBe(now)
    expect(rehearsalClock(now, 90)).toBe('2026-12-03T03:30:00.000Z')
  })

  it('moves forward by whole days from where it stands', () => {
    expect(clockAfterMove(now, 60, { kind: 'days', days: 7 })).toEqual({
      ok: true,
      offsetMinutes: 60 + 7 * 1440,
      clockAt: '2026-12-10T03:00:00.000Z',
    })
    expect(clockAfterMove(now, 0, { kind: 'days', days: 0 })).toMatchObject({
      ok: false,
      messageKey: 'rehearsal.daysRange',
    })
    expect(clockAfterMove(now, 0, { kind: 'days', days: 1.5 })).toMatchObject({ ok: false })
  })

  it('moves to a later moment, to the minute, and never back', () => {
    expect(clockAfterMove(now, 0, { kind: 'to', at: '2026-12-20T01:00:00.000Z' })).toEqual({
      ok: true,
      offsetMinutes: 16 * 1440 + 23 * 60,
      clockAt: '2026-12-20T01:00:00.000Z',
    })
    // Already a day ahead: an earlier moment, or the same one, is refused, naming where the clock stands.
    expect(clockAfterMove(now, 1440, { kind: 'to', at: '2026-12-03T12:00:00.000Z' })).toEqual({
      ok: false,
      field: 'to',
      messageKey: 'rehearsal.clockBack',
      vars: { clock: '2026-12-04 10:00' },
    })
    expect(clockAfterMove(now, 1440, { kind: 'to', at: '2026-12-04T02:00:00.000Z' })).toMatchObject({ ok: false })
    expect(clockAfterMove(now, 0, { kind: 'to', at: 'not a time' })).toMatchObject({
      ok: false,
      messageKey: 'errors.date',
    })
  })

  it('goes at most two years ahead of the real time', () => {
    expect(clockAfterMove(now, 0, { kind: 'to', at: '2030-01-01T00:00:00.000Z' })).toMatchObject({
      ok: false,
      messageKey: 'rehearsal.clockTooFar',
    })
    expect(clockAfterMove(now, 0, { kind: 'to', at: '2028-11-30T00:00:00.000Z' })).toMatchObject({ ok: true })
  })
})
