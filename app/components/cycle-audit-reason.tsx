import { readCycleAuditReason, type SettingChange } from '#workflows/cycle/cycle-audit'
import { formatPoints } from '#workflows/review/scoring'
import { useLang, useT } from '~/hooks/use-i18n'
import { audienceText } from './audience-label'
import { formatDateTime, formatDay } from '~/utils/format'

/** One row of a cycle's history, in the reader's language and Beijing time; a plain-text row as it was written. */
export function CycleAuditReason({ reason }: { reason: string | null }) {
  const t = useT()
  const lang = useLang()
  const detail = readCycleAuditReason(reason)
  if (!detail) return <>{reason ?? ''}</>
  const yesNo = (value: boolean) => t(value ? 'common.yes' : 'common.no')
  const describe = (change: SettingChange): string => {
    switch (change.field) {
      case 'deadline':
        return `${t('admin.deadline')}: ${formatDateTime(change.from, lang)} → ${formatDateTime(change.to, lang)}`
      case 'minReviewers':
        return `${t('admin.minReviewersLabel')}: ${change.from} → ${change.to}`
      case 'noticeWorkingDays':
        return `${t('admin.noticeDays')}: ${change.from} → ${change.to}`
      case 'reviewersPerApplication':
        return `${t('admin.reviewersPerApplication')}: ${change.from} → ${change.to}`
      case 'shortlistSize':
        return `${t('admin.shortlistSize')}: ${change.from ?? t('admin.noShortlist')} → ${change.to ?? t('admin.noShortlist')}`
      case 'reminderDaysBefore':
        return `${t('admin.reminderDaysBefore')}: ${change.from} → ${change.to}`
      case 'specialAward':
        return t(change.to ? 'history.specialAwardOn' : 'history.specialAwardOff')
      case 'drawOnlyActivated':
        return t(change.to ? 'history.drawOnlyActivatedOn' : 'history.drawOnlyActivatedOff')
      case 'defenceMinutes':
        return `${t('admin.defenceMinutes')}: ${change.from} → ${change.to}`
      case 'defencePanelSize':
        return `${t('admin.defencePanelSize')}: ${change.from} → ${change.to}`
      case 'siteVisitTeamSize':
        return `${t('admin.siteVisitTeamSize')}: ${change.from} → ${change.to}`
      case 'weights':
        return `${t('admin.weights')}: ${change.from} → ${change.to}`
      case 'expertLoadCap':
        return `${t('admin.expertLoadCap')}: ${change.from} → ${change.to}`
      case 'reviewDueDate':
        return `${t('admin.reviewDueDate')}: ${change.from ? formatDay(change.from, lang) : '—'} → ${change.to ? formatDay(change.to, lang) : '—'}`
      case 'aggregation':
        return `${t('admin.aggregation')}: ${t(`aggregation.${change.from}` as 'aggregation.mean')} → ${t(`aggregation.${change.to}` as 'aggregation.mean')}`
      case 'normaliseReviewers':
        return `${t('admin.normaliseReviewers')}: ${yesNo(change.from)} → ${yesNo(change.to)}`
      case 'consensusThreshold':
        return `${t('admin.consensusThreshold')}: ${formatPoints(change.from)} → ${formatPoints(change.to)}`
      case 'quota':
        return `${lang === 'en' ? `${change.category_en} ${change.level_en}` : `${change.category_zh}${change.level_zh}`} ${t('admin.quotaLabel')}: ${change.from} → ${change.to}`
      case 'requiredEvidence':
        return t(change.to ? 'history.evidenceRequired' : 'history.evidenceNotRequired', {
          awardType: t(`awardType.${change.awardType}` as 'awardType.organisation'),
          condition: t(`declaration.${change.condition}` as 'declaration.goodCredit'),
        })
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
    case 'calendar':
      return <>{t('history.calendar', { year: detail.year, holidays: detail.holidays, workdays: detail.workdays })}</>
  }
}
