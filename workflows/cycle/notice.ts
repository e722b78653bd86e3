/**
 * The public notice (公示) lasts a number of working days. Days are Beijing calendar days (UTC+8 all year);
 * Saturdays and Sundays are not working days. Statutory holidays and make-up working days (调休) change every
 * year by State Council notice and are not modelled yet: the secretariat lengthens the notice in the cycle
 * settings when a holiday falls inside it.
 */
const beijingOffsetMs = 8 * 3600_000
const dayMs = 24 * 3600_000

/** The notice ends at 24:00 Beijing time of its last working day; the start day counts when it is a working day. */
export function noticeEndsAt(startIso: string, workingDays: number): string {
  const start = Date.parse(startIso) + beijingOffsetMs
  let day = Math.floor(start / dayMs) // Beijing calendar day number
  let counted = 0
  if (workingDays === 0) return startIso
  for (;;) {
    const weekday = new Date(day * dayMs).getUTCDay()
    if (weekday !== 0 && weekday !== 6) counted++
    if (counted === workingDays) break
    day++
  }
  return new Date((day + 1) * dayMs - beijingOffsetMs).toISOString()
}

export function isNoticeOver(endsAt: string | null, now: string): boolean {
  return endsAt !== null && now >= endsAt
}
