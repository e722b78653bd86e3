import { useLang, useT } from '~/hooks/use-i18n'
import { formatDay } from '~/utils/format'

/** A defence slot in the reader's language: the day, the Beijing start time, the length and the place. */
export function DefenceSlot({ slot }: { slot: { startsAt: string; minutes: number; place: string } }) {
  const t = useT()
  const lang = useLang()
  const [date, time] = slot.startsAt.split('T') as [string, string]
  return <>{t('stages.slot', { when: `${formatDay(date, lang)} ${time}`, minutes: slot.minutes, place: slot.place })}</>
}

export function SiteVisitDate({ visit }: { visit: { date: string; address: string } }) {
  const t = useT()
  const lang = useLang()
  return <>{t('stages.visit', { date: formatDay(visit.date, lang), address: visit.address })}</>
}
