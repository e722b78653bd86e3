import { clockMs } from '#db/clock'

/**
 * Beijing time, the award's one clock. Shenzhen keeps China Standard Time all year (UTC+8, no daylight saving),
 * so the offset is a constant. Times are stored as UTC ISO strings; a calendar date that a rule counts with
 * (a deadline day, the three years of a conflict, a notice's working days) is the Beijing date, never the UTC
 * one, which is a day behind before 08:00 Beijing time.
 */
const offsetMs = 8 * 3600_000

/**
 * Now on the award's clock: the real time, or inside a rehearsal (演练) the rehearsal's own clock, which the
 * secretariat moves forward to walk through a notice period or a reminder (db/scope.ts). Every rule that asks what
 * time it is asks here; only what must be the real time (sign-in, two-factor codes, sending e-mail) reads Date.
 */
export function awardNow(): Date {
  return new Date(clockMs())
}

/** `YYYY-MM-DDTHH:mm` in Beijing time, as a datetime-local input shows it. */
export function isoToBeijingLocal(iso: string): string {
  return new Date(Date.parse(iso) + offsetMs).toISOString().slice(0, 16)
}

/** A datetime-local value (`YYYY-MM-DDTHH:mm`) meant in Beijing time, as a UTC ISO string. */
export function beijingLocalToIso(local: string): string {
  return new Date(`${local}:00+08:00`).toISOString()
}

/** The Beijing calendar date (YYYY-MM-DD) of a moment stored as a UTC ISO string. */
export function beijingDate(iso: string): string {
  return isoToBeijingLocal(iso).slice(0, 10)
}

/** The Beijing calendar date of today, as a date input shows it. */
export function beijingToday(now = awardNow()): string {
  return beijingDate(now.toISOString())
}

/** A calendar date (YYYY-MM-DD) some days later. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 24 * 3600_000).toISOString().slice(0, 10)
}
