import { applicationNumber } from '#workflows/application/application-number'
import type { Content } from 'pdfmake/interfaces'
import type { Executor } from '#db/repositories/types'
import type { ApplicationDetail } from '#db/repositories/applications'
import { listAttachments } from '#db/repositories/attachments'
import { getCriteriaTree } from '#db/repositories/criteria'
import { getCycle, listCycleCategories } from '#db/repositories/cycles'
import { countCharacters } from '#workflows/application/application.schema'
import { displayTypedWanYuan } from '#workflows/fields'
import { type Lang, localName, translator, keyOf } from '~/i18n'
import { draftValues } from '~/utils/application-draft.server'
import { formatDateTime, formatFileSize } from '~/utils/format'
import { facts, renderPdf, table } from './document.server'
import { awardNow } from '#workflows/time'

/**
 * The application as submitted (申报书), for filing and for the committee's papers: the five steps in order,
 * the declarations with their explanations, the list of evidence and the self-assessment in full. A draft is
 * printed too, marked as one, so an applicant can read it over on paper before submitting.
 */
export async function applicationPdf(
  db: Executor,
  application: ApplicationDetail,
  lang: Lang,
  now = awardNow(),
): Promise<Uint8Array> {
  const t = translator(lang)
  const cycle = (await getCycle(db, application.cycle_id))!
  const [categories, tree, attachments] = await Promise.all([
    listCycleCategories(db, application.cycle_id),
    getCriteriaTree(db, cycle.edition_id),
    listAttachments(db, application.id),
  ])
  const values = draftValues(application)
  const profile = values.profile
  const category = categories.find((c) => c.code === values.category.categoryCode)
  const sections = values.selfAssessment.sections
  const characters = sections.reduce((sum, text) => sum + countCharacters(text ?? ''), 0)

  const content: Content[] = []
  if (application.status === 'draft')
    content.push({ text: t('pdf.draftNotice'), color: '#b45309', bold: true, margin: [0, 0, 0, 6] })

  content.push({ text: heading(lang, 1, t('step.profile')), style: 'section' })
  content.push(
    facts([
      [t('auth.uscc'), application.uscc],
      [t('profile.registeredAddress'), profile.registeredAddress],
      [t('profile.registrationDate'), profile.registrationDate],
      [t('profile.legalRepresentative'), profile.legalRepresentative],
      [t('profile.industry'), profile.industry ? t(`industry.${profile.industry}`) : ''],
      [t('profile.employees'), profile.employees],
      [
        t('pdf.contact'),
        [application.contact_person, application.phone, application.organisation_email].filter(Boolean).join(' · '),
      ],
    ]),
  )
  if (profile.finances?.length) {
    content.push({ text: t('profile.finances'), style: 'subsection' })
    content.push(
      table(
        [t('profile.year'), t('profile.revenue'), t('profile.profit')],
        profile.finances.map((row) => [
          row.year,
          { text: displayTypedWanYuan(row.revenue), alignment: 'right' },
          { text: displayTypedWanYuan(row.profit), alignment: 'right' },
        ]),
        ['*', '*', '*'],
      ),
    )
  }

  content.push({ text: heading(lang, 2, t('step.category')), style: 'section' })
  content.push(
    facts([
      [t('category.code'), category ? localName(category, lang) : ''],
      [t('category.awardType'), values.category.awardType ? t(keyOf(`awardType.${values.category.awardType}`)) : ''],
      ...(values.category.awardType === 'project'
        ? [[t('category.projectName'), values.category.projectName] as const]
        : []),
    ]),
  )

  content.push({ text: heading(lang, 3, t('step.eligibility')), style: 'section' })
  const declarations = Object.entries(values.declarations)
  content.push(
    table(
      [t('pdf.declaration'), t('pdf.answer'), t('pdf.explanation')],
      declarations.map(([key, value]) => [
        t(keyOf(`declaration.${key}`)),
        value.answer === 'yes'
          ? t('declaration.answerYes')
          : value.answer === 'no'
            ? { text: t('declaration.answerNo'), color: '#b91c1c' }
            : '',
        value.explanation,
      ]),
      ['*', 40, '*'],
    ),
  )
  content.push({ text: t('attachments.heading'), style: 'subsection' })
  content.push(
    attachments.length === 0
      ? { text: t('attachments.none') }
      : table(
          [t('pdf.file'), t('pdf.evidenceFor'), t('pdf.size')],
          attachments.map((a) => [
            a.filename,
            a.declaration_key ? t(keyOf(`declaration.${a.declaration_key}`)) : t('attachments.general'),
            { text: formatFileSize(a.size), alignment: 'right' },
          ]),
          ['*', '*', 60],
        ),
  )

  content.push({ text: heading(lang, 4, t('step.selfAssessment')), style: 'section', pageBreak: 'before' })
  content.push({ text: t('selfAssessment.counter', { count: characters.toLocaleString('en-US') }), style: 'note' })
  tree.categories.forEach((criterion, i) => {
    content.push({
      text: `${criterion.code} ${localName(criterion, lang)}（${t('pdf.points', { points: criterion.points })}）`,
      style: 'subsection',
    })
    content.push({ text: sections[i]?.trim() || '—', preserveLeadingSpaces: true })
  })

  const subtitle = [
    application.organisation_name,
    [
      category ? localName(category, lang) : null,
      `${t('applicant.status')}：${t(keyOf(`status.${application.status}`))}`,
    ]
      .filter(Boolean)
      .join(' · '),
  ]
  if (application.submitted_at)
    subtitle.push(t('pdf.submittedAt', { time: formatDateTime(application.submitted_at, lang) }))
  return renderPdf({
    title: t('pdf.applicationTitle'),
    overline: `${t('app.title')} · ${localName(cycle, lang)} · ${t('pdf.applicationNumber', { id: applicationNumber(cycle.year, application.id) })}`,
    subtitle,
    content,
    t,
    printedAt: formatDateTime(now.toISOString(), lang),
  })
}

const chineseNumerals = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九']

/** A section heading numbered as a Chinese form numbers them (一、) or, in English, 1. */
export function heading(lang: Lang, n: number, text: string): string {
  return lang === 'zh' ? `${chineseNumerals[n]}、${text}` : `${n}. ${text}`
}
