/**
 * Slot rules shared by the defence and the site visit: times are Beijing wall-clock (the award is held in
 * Shenzhen), compared as text in the same fixed format.
 */
import { isoToBeijingLocal } from '../time'

/** A slot must lie ahead: a defence at a date and time, a visit on a day from today. */
export function isAhead(slot: string, nowIso: string): boolean {
  const now = isoToBeijingLocal(nowIso)
  return slot.length === 10 ? slot >= now.slice(0, 10) : slot > now
}

/** The line the history and the applicant's message carry, in both languages. */
export function defenceLine(startsAt: string, minutes: number, place: string): string {
  return `${startsAt.replace('T', ' ')}（${minutes} 分钟 / min）· ${place}`
}

export function siteVisitLine(visitDate: string, address: string): string {
  return `${visitDate} · ${address}`
}
