import { isWorkingDay, type OfficialCalendar, unknownYears } from './working-days'

/**
 * The public notice (公示) lasts a number of working days of the official calendar (statutory holidays and
 * 调休 included, see working-days.ts). Days are Beijing calendar days (UTC+8 all year).
 */
const beijingOffsetMs = 8 * 3600_000
const dayMs = 24 * 3600_000

const dateOfDay = (day: number) => new Date(day * dayMs).toISOString().slice(0, 10)

export interface NoticePeriod {
  endsAt: string
  /** The Beijing calendar date of the last working day. */
  lastDay: string
  /** Years the period touches whose official calendar is not known: only weekends were skipped there. */
  unknownYears: number[]
}

/** The notice ends at 24:00 Beijing time of its last working day; the start day counts when it is a working day. */
export function noticePeriod(startIso: string, workingDays: number, calendar: OfficialCalendar): NoticePeriod {
  const firstDay = Math.floor((Date.parse(startIso) + beijingOffsetMs) / dayMs) // Beijing calendar day number
  if (workingDays === 0) return { endsAt: startIso, lastDay: dateOfDay(firstDay), unknownYears: [] }
  let day = firstDay
  let counted = 0
  for (;;) {
    if (isWorkingDay(dateOfDay(day), calendar)) counted++
    if (counted === workingDays) break
    day++
  }
  return {
    endsAt: new Date((day + 1) * dayMs - beijingOffsetMs).toISOString(),
    lastDay: dateOfDay(day),
    unknownYears: unknownYears(dateOfDay(firstDay), dateOfDay(day), calendar),
  }
}

export function isNoticeOver(endsAt: string | null, now: string): boolean {
  return endsAt !== null && now >= endsAt
}
