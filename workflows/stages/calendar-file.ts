import { createEvents, type EventAttributes } from 'ics'
import type { StageEvent } from './stage-calendar'

/**
 * Stage events as an iCalendar file (RFC 5545), through the `ics` package (escaping, line folding and dates done by
 * a library, decision record 0024): the calendar feed's (titles in the reader's language) and the invitations sent
 * by e-mail (issue 24; one message for readers of either language, so both). Each event keeps its UID, so a calendar
 * that has it updates it; an invitation carries a SEQUENCE that grows with each move of its slot.
 */
export function calendarFile(
  events: readonly StageEvent[],
  options: {
    title: (event: StageEvent) => string
    link: (event: StageEvent) => string | null
    calName: string
    /** An invitation's revision: 0 for the first slot, one more for each move. */
    sequence?: number
  },
): string {
  const attributes: EventAttributes[] = events.map((event) => {
    const url = options.link(event)
    const common = {
      uid: event.uid,
      title: options.title(event),
      location: event.location,
      ...(url ? { url } : {}),
      ...(options.sequence === undefined ? {} : { sequence: options.sequence }),
    }
    return 'utc' in event.start
      ? {
          ...common,
          start: event.start.utc,
          startInputType: 'utc' as const,
          startOutputType: 'utc' as const,
          duration: { minutes: event.start.minutes },
        }
      : { ...common, start: event.start.day, end: nextDay(event.start.day) }
  })
  const { error, value } = createEvents(attributes, {
    productId: 'szmqa/award',
    calName: options.calName,
    // Published, not a meeting request: the applicant confirms a slot on the award's page, not by replying.
    ...(options.sequence === undefined ? {} : { method: 'PUBLISH' }),
  })
  if (error || typeof value !== 'string') throw error ?? new Error('calendar not written')
  return value
}

function nextDay([y, m, d]: [number, number, number]): [number, number, number] {
  const next = new Date(Date.UTC(y, m - 1, d + 1))
  return [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()]
}
