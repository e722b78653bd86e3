/**
 * Slot rules shared by the defence and the site visit: times are Beijing wall-clock (the award is held in
 * Shenzhen), compared as text in the same fixed format.
 */

/** Beijing's date and time now, as YYYY-MM-DDTHH:mm (China keeps UTC+8 all year). */
export function beijingNow(nowIso: string): string {
  return new Date(Date.parse(nowIso) + 8 * 3600_000).toISOString().slice(0, 16)
}

/** A slot must lie ahead: a defence at a date and time, a visit on a day from today. */
export function isAhead(slot: string, nowIso: string): boolean {
  const now = beijingNow(nowIso)
  return slot.length === 10 ? slot >= now.slice(0, 10) : slot > now
}

/** The line the history and the applicant's message carry, in both languages. */
export function defenceLine(startsAt: string, minutes: number, place: string): string {
  return `${startsAt.replace('T', ' ')}（${minutes} 分钟 / min）· ${place}`
}

export function siteVisitLine(visitDate: string, address: string): string {
  return `${visitDate} · ${address}`
}
