import { createEvents, type EventAttributes } from 'ics'
import type { StageEvent } from '#workflows/stages/stage-calendar'
import type { Lang } from '~/i18n'
import { translator } from '~/i18n'

/**
 * The award's events as an iCalendar file (RFC 5545), through the `ics` package (escaping, line folding and
 * dates done by a library, decision record 0024). Titles in the reader's language; each event links to the
 * reader's page for it (built by the caller from PUBLIC_URL, never from the request).
 */
export function icsOf(events: readonly StageEvent[], lang: Lang, link: (event: StageEvent) => string | null): string {
  const t = translator(lang)
  const attributes: EventAttributes[] = events.map((event) => {
    const url = link(event)
    const common = {
      uid: event.uid,
      title: `${t(event.kind === 'defence' ? 'calendar.defence' : 'calendar.siteVisit')}${lang === 'en' ? ': ' : '：'}${event.organisation}`,
      location: event.location,
      ...(url ? { url } : {}),
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
  const { error, value } = createEvents(attributes, { productId: 'szmqa/award', calName: t('calendar.name') })
  if (error || typeof value !== 'string') throw error ?? new Error('calendar not written')
  return value
}

function nextDay([y, m, d]: [number, number, number]): [number, number, number] {
  const next = new Date(Date.UTC(y, m - 1, d + 1))
  return [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()]
}
