import { isoToBeijingLocal } from '../time'

/**
 * The rules of a rehearsal's clock (演练, decision record 0035): it runs with the real time, some whole minutes
 * ahead, and is only ever moved forward, by days or to a moment, up to two years ahead of the real time.
 */

/** Rehearsals kept at once: each is a whole copy of the award's data. */
export const maxLiveRehearsals = 3

const minuteMs = 60_000
const maxAheadMinutes = 2 * 366 * 24 * 60

export type ClockMove = { kind: 'days'; days: number } | { kind: 'to'; at: string }

export type ClockMoved =
  | { ok: true; offsetMinutes: number; clockAt: string }
  | { ok: false; field: 'days' | 'to'; messageKey: string; vars: Record<string, string | number> }

/** The rehearsal's time, given the real time and its offset. */
export function rehearsalClock(realNow: string, offsetMinutes: number): string {
  return new Date(Date.parse(realNow) + offsetMinutes * minuteMs).toISOString()
}

export function clockAfterMove(realNow: string, offsetMinutes: number, move: ClockMove): ClockMoved {
  let offset: number
  if (move.kind === 'days') {
    if (!Number.isInteger(move.days) || move.days < 1 || move.days > 366)
      return { ok: false, field: 'days', messageKey: 'rehearsal.daysRange', vars: { max: 366 } }
    offset = offsetMinutes + move.days * 24 * 60
  } else {
    const target = Date.parse(move.at)
    if (!Number.isFinite(target)) return { ok: false, field: 'to', messageKey: 'errors.date', vars: {} }
    offset = Math.ceil((target - Date.parse(realNow)) / minuteMs)
    if (offset <= offsetMinutes)
      return {
        ok: false,
        field: 'to',
        messageKey: 'rehearsal.clockBack',
        // Beijing time, as the form takes it.
        vars: { clock: isoToBeijingLocal(rehearsalClock(realNow, offsetMinutes)).replace('T', ' ') },
      }
  }
  if (offset > maxAheadMinutes) return { ok: false, field: move.kind, messageKey: 'rehearsal.clockTooFar', vars: {} }
  return { ok: true, offsetMinutes: offset, clockAt: rehearsalClock(realNow, offset) }
}
