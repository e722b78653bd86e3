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

/**
 * The stage has begun: a defence from its starting minute, a site visit from the start of its day (Beijing time).
 * Its sheet opens then, and not before: nobody scores a defence that has not been held.
 */
export function hasBegun(slot: string, nowIso: string): boolean {
  const now = isoToBeijingLocal(nowIso)
  return slot.length === 10 ? now.slice(0, 10) >= slot : now >= slot
}

/** Whether a stage's sheet is open: only once the applicant confirmed the slot, and from the slot's start. */
export type SheetOpening = 'open' | 'awaitingConfirmation' | 'notYet'

export function sheetOpening(slot: { start: string; confirmedAt: string | null }, nowIso: string): SheetOpening {
  if (!slot.confirmedAt) return 'awaitingConfirmation'
  return hasBegun(slot.start, nowIso) ? 'open' : 'notYet'
}

/** The refusal of a sheet saved while it is not open, in the words the page shows. */
export function sheetClosedKey(
  opening: Exclude<SheetOpening, 'open'>,
): 'errors.stageNotConfirmed' | 'errors.stageNotBegun' {
  return opening === 'awaitingConfirmation' ? 'errors.stageNotConfirmed' : 'errors.stageNotBegun'
}

/** Minutes since an epoch of a Beijing wall-clock time (`YYYY-MM-DDTHH:mm`), for comparing slots. */
function minuteOf(local: string): number {
  return Date.parse(`${local}:00Z`) / 60_000
}

/** Two defence slots overlap when one starts before the other ends (back to back is no clash). */
export function slotsOverlap(
  a: { startsAt: string; minutes: number },
  b: { startsAt: string; minutes: number },
): boolean {
  const aStart = minuteOf(a.startsAt)
  const bStart = minuteOf(b.startsAt)
  return aStart < bStart + b.minutes && bStart < aStart + a.minutes
}

/** The same room, however its name was typed (spaces, case, full-width forms). */
export function samePlace(a: string, b: string): boolean {
  const key = (place: string) => place.normalize('NFKC').replace(/\s+/g, '').toUpperCase()
  return key(a) === key(b)
}

/**
 * The line the history and the applicant's message carry, in no language of its own: the Beijing date and the
 * time from start to end (2030-03-02 09:00–09:40 · room), read the same in Chinese and English.
 */
export function defenceLine(startsAt: string, minutes: number, place: string): string {
  const end = new Date(Date.parse(`${startsAt}:00Z`) + minutes * 60_000).toISOString()
  const endText = end.slice(0, 10) === startsAt.slice(0, 10) ? end.slice(11, 16) : end.slice(0, 16).replace('T', ' ')
  return `${startsAt.replace('T', ' ')}–${endText} · ${place}`
}

export function siteVisitLine(visitDate: string, address: string): string {
  return `${visitDate} · ${address}`
}
