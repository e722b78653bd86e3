import { applicationNumber } from '#workflows/application/application-number'
import type { Content } from 'pdfmake/interfaces'
import type { Executor } from '#db/repositories/types'
import type { ApplicationDetail } from '#db/repositories/applications'
import { getCriteriaTree } from '#db/repositories/criteria'
import { getAwardLevelById, getCycle, listCycleCategories } from '#db/repositories/cycles'
import { type Lang, localName, translator } from '~/i18n'
import { readDraftSelfAssessment } from '#workflows/application/application-draft.schema'
import { feedbackByCategory, selfScoreReport } from '~/utils/feedback-report.server'
import { formatDateTime } from '~/utils/format'
import { secondHalfForApplicant } from '~/utils/stages-view.server'
import { heading } from './application.server'
import { renderPdf, table } from './document.server'
import { awardNow } from '#workflows/time'

/**
 * The applicant's feedback report (反馈报告) as a document: the result, the reviewers' strengths and
 * opportunities per criteria category (without names), the defence panel's notes and the site visit's findings.
 * Only for a published application, as on the page.
 */
export async function feedbackPdf(
  db: Executor,
  application: ApplicationDetail,
  lang: Lang,
  now = awardNow(),
): Promise<Uint8Array> {
  const t = translator(lang)
  const cycle = (await getCycle(db, application.cycle_id))!
  const [categories, tree, stages, level] = await Promise.all([
    listCycleCategories(db, application.cycle_id),
    getCriteriaTree(db, cycle.edition_id),
    secondHalfForApplicant(db, application),
    application.decision_level_id ? getAwardLevelById(db, application.decision_level_id) : undefined,
  ])
  const feedback = await feedbackByCategory(db, application.id, tree)
  const selfScores = await selfScoreReport(
    db,
    application.id,
    tree,
    readDraftSelfAssessment(application.self_assessment).selfScores,
  )
  const category = categories.find((c) => c.code === application.category_code)

  const content: Content[] = [
    { text: heading(lang, 1, t('application.result')), style: 'section' },
    {
      text: level ? t('application.awardedLevel', { level: localName(level, lang) }) : t('application.notAwarded'),
      bold: true,
    },
    { text: heading(lang, 2, t('pdf.comments')), style: 'section' },
    { text: t('feedback.intro'), margin: [0, 0, 0, 4] },
  ]
  for (const c of feedback) {
    content.push({ text: `${c.code} ${localName(c, lang)}`, style: 'subsection' })
    if (c.points !== null)
      content.push({ text: t('feedback.categoryScore', { points: c.points, max: c.maxPoints }), margin: [0, 0, 0, 2] })
    if (c.items.length > 0)
      content.push({
        text: c.items
          .map((item) => `${item.code} ${localName(item, lang)}${lang === 'en' ? ': ' : '：'}${item.band}`)
          .join(lang === 'en' ? '; ' : '；'),
        style: 'note',
        margin: [0, 0, 0, 4],
      })
    content.push(
      c.comments.length === 0
        ? { text: t('feedback.none'), style: 'note' }
        : table(
            [t('review.strengths'), t('review.opportunities')],
            c.comments.map((comment) => [comment.strengths || '—', comment.opportunities || '—']),
            ['*', '*'],
          ),
    )
  }
  let n = 3
  if (selfScores) {
    content.push({ text: heading(lang, n++, t('selfScore.comparisonHeading')), style: 'section' })
    content.push({ text: t('selfScore.comparisonIntro', { gap: selfScores.meanAbsoluteGap }), margin: [0, 0, 0, 4] })
    content.push(
      table(
        [t('selfScore.category'), t('selfScore.selfPoints'), t('selfScore.expertPoints'), t('selfScore.gapPoints')],
        selfScores.categories.map((c) => {
          const named = tree.categories.find((category) => category.code === c.code)
          return [`${c.code} ${named ? localName(named, lang) : ''}`, c.selfPoints, c.expertPoints, c.gapPoints]
        }),
        ['*', 60, 70, 60],
      ),
    )
    content.push(
      table(
        [t('selfScore.item'), t('selfScore.self'), t('selfScore.median'), t('selfScore.range'), t('selfScore.gap')],
        selfScores.items.map((item) => [
          `${item.code} ${localName(item, lang)}`,
          `${item.self}%`,
          `${item.median}%`,
          `${item.min}–${item.max}%`,
          item.gap > 0 ? `+${item.gap}` : String(item.gap),
        ]),
        ['*', 40, 60, 60, 60],
      ),
    )
  }
  if (stages.feedback && stages.feedback.defenceNotes.length > 0) {
    content.push({ text: heading(lang, n++, t('stages.defence')), style: 'section' })
    content.push({ ul: stages.feedback.defenceNotes, margin: [0, 0, 0, 6] })
  }
  if (stages.feedback && stages.feedback.findings.length > 0) {
    content.push({ text: heading(lang, n++, `${t('stages.siteVisit')} · ${t('stages.findings')}`), style: 'section' })
    content.push(
      table(
        [t('pdf.severity'), t('pdf.finding')],
        stages.feedback.findings.map((f) => [t(`stages.severity.${f.severity}`), f.text]),
        [60, '*'],
      ),
    )
  }
  return renderPdf({
    title: t('feedback.heading'),
    overline: `${t('app.title')} · ${localName(cycle, lang)} · ${t('pdf.applicationNumber', { id: applicationNumber(cycle.year, application.id) })}`,
    subtitle: [application.organisation_name, category ? localName(category, lang) : ''].filter(Boolean),
    content,
    t,
    printedAt: formatDateTime(now.toISOString(), lang),
  })
}
