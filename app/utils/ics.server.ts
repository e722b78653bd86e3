import type { StageEvent } from '#workflows/stages/stage-calendar'
import { calendarFile } from '#workflows/stages/calendar-file'
import type { Lang } from '~/i18n'
import { translator } from '~/i18n'

/**
 * The reader's calendar feed: the award's events with titles in the reader's language, each linking to the
 * reader's page for it (built by the caller from PUBLIC_URL, never from the request).
 */
export function icsOf(events: readonly StageEvent[], lang: Lang, link: (event: StageEvent) => string | null): string {
  const t = translator(lang)
  return calendarFile(events, {
    title: (event) =>
      `${t(event.kind === 'defence' ? 'calendar.defence' : 'calendar.siteVisit')}${lang === 'en' ? ': ' : '：'}${event.organisation}`,
    link,
    calName: t('calendar.name'),
  })
}
