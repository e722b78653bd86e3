import { readCycleAuditReason, type SettingChange } from '#workflows/cycle/cycle-audit'
import { declarationOf, type SettingFormat } from '#workflows/cycle/cycle-settings'
import { formatPoints } from '#workflows/review/scoring'
import { useLang, useT } from '~/hooks/use-i18n'
import { keyOf } from '~/i18n'
import { audienceText } from './audience-label'
import { formatDateTime, formatDay } from '~/utils/format'

/** One row of a cycle's history, in the reader's language and Beijing time; a plain-text row as it was written. */
export function CycleAuditReason({ reason }: { reason: string | null }) {
  const t = useT()
  const lang = useLang()
  const detail = readCycleAuditReason(reason)
  if (!detail) return <>{reason ?? ''}</>
  const yesNo = (value: boolean) => t(value ? 'common.yes' : 'common.no')
  const shown = (format: SettingFormat, value: unknown, none?: string): string => {
    if (value === null || value === undefined) return none ? t(keyOf(none)) : '—'
    switch (format) {
      case 'flag':
        return yesNo(value === true)
      case 'points':
        return formatPoints(Number(value))
      case 'dateTime':
        return formatDateTime(String(value), lang)
      case 'day':
        return formatDay(String(value), lang)
      case 'aggregation':
        return t(keyOf(`aggregation.${String(value)}`))
      case 'fraction':
        return t(keyOf(`fraction.${String(value)}`))
      default:
        return String(value)
    }
  }
  const describe = (change: SettingChange): string => {
    switch (change.field) {
      case 'quota':
        return `${lang === 'en' ? `${change.category_en} ${change.level_en}` : `${change.category_zh}${change.level_zh}`} ${t('admin.quotaLabel')}: ${change.from} → ${change.to}`
      case 'requiredEvidence':
        return t(change.to ? 'history.evidenceRequired' : 'history.evidenceNotRequired', {
          awardType: t(`awardType.${change.awardType}` as 'awardType.organisation'),
          condition: t(`declaration.${change.condition}` as 'declaration.goodCredit'),
        })
      default: {
        // A declared setting: labelled and shown as its declaration says (workflows/cycle/cycle-settings.ts).
        const declaration = declarationOf(change.field)
        if (declaration.sentences) return t(keyOf(change.to ? declaration.sentences.on : declaration.sentences.off))
        const value = (v: unknown) => shown(declaration.format, v, declaration.none)
        return `${t(keyOf(declaration.label))}: ${value(change.from)} → ${value(change.to)}`
      }
    }
  }
  switch (detail.kind) {
    case 'settings':
      return <>{detail.changes.map(describe).join(lang === 'en' ? '; ' : '；')}</>
    case 'notice':
      return (
        <>
          {t('history.notice', { count: detail.onNotice, end: formatDateTime(detail.endsAt, lang) })}
          {detail.unknownYears.length > 0
            ? ` ${t('calendar.unknownYears', { years: detail.unknownYears.join('、') })}`
            : ''}
        </>
      )
    case 'retract':
      return <>{t('history.retract', { count: detail.count, reason: detail.reason })}</>
    case 'shortlist':
      return (
        <>
          {t('history.shortlist', {
            category: lang === 'en' ? detail.category_en : detail.category_zh,
            shortlisted: detail.shortlisted,
            out: detail.notShortlisted,
          })}
          {detail.alreadyShortlisted
            ? t('history.shortlistEarlier', { already: detail.alreadyShortlisted, size: detail.size ?? '' })
            : ''}
          {detail.reason ? ` ${t('history.reason', { reason: detail.reason })}` : ''}
        </>
      )
    case 'copied':
      return <>{t('history.copied', { year: detail.fromYear })}</>
    case 'message':
      return (
        <>
          {t('history.message', {
            subject: detail.subject,
            audience: audienceText(t, lang, detail.audience),
            count: detail.recipients,
          })}
        </>
      )
    case 'intakeClosed':
      return <>{t(`history.intakeClosed.${detail.by}` as 'history.intakeClosed.secretariat')}</>
    case 'approval':
      return (
        <>
          {t('history.approval', {
            document: detail.documentNumber,
            date: formatDay(detail.approvedOn, lang),
            count: detail.count,
          })}
        </>
      )
    case 'rehearsal':
      return (
        <>
          {t(`history.rehearsal.${detail.action}`, {
            number: detail.rehearsal,
            clock: detail.clockAt ? formatDateTime(detail.clockAt, lang) : '',
          })}
        </>
      )
    case 'calendar':
      return <>{t('history.calendar', { year: detail.year, holidays: detail.holidays, workdays: detail.workdays })}</>
  }
}
