import type { ReactNode } from 'react'
import { type AttachmentRow, AttachmentList } from './attachment-list'
import { countCharacters } from '#workflows/application/application.schema'
import { displayTypedWanYuan } from '#workflows/fields'
import { useLang, useT } from '~/hooks/use-i18n'
import { localName, keyOf } from '~/i18n'

interface Named {
  code: string
  name_zh: string
  name_en: string
}

export interface SummaryValues {
  profile: unknown
  category: { categoryCode: string; awardType: string; projectName: string }
  declarations: Record<string, { answer: string; explanation: string }>
  selfAssessment: { sections: string[] }
}

interface Finance {
  year?: string
  revenue?: string
  profit?: string
}

/** The application as submitted, read-only: used on the summary step, the applicant's page and the secretariat's. */
export function ApplicationSummary(props: {
  values: SummaryValues
  categories: Named[]
  criteria?: Array<Named & { points: number }>
  attachments?: AttachmentRow[]
  action?: (step: string) => ReactNode
  /**
   * Where the self-assessment is read in full, with each section's length here instead of its text: the
   * secretariat's page is a working page, and 30,000 characters twice (HTML and data) made it the slowest.
   */
  selfAssessmentAt?: { href: string; characters: number[] }
}) {
  const t = useT()
  const lang = useLang()
  const profile = (props.values.profile ?? {}) as Record<string, string | undefined> & { finances?: Finance[] }
  const category = props.categories.find((c) => c.code === props.values.category.categoryCode)
  const sections = props.values.selfAssessment.sections
  const characters = props.selfAssessmentAt
    ? props.selfAssessmentAt.characters.reduce((sum, n) => sum + n, 0)
    : sections.reduce((sum, text) => sum + countCharacters(text ?? ''), 0)
  return (
    <div className="application-summary">
      <div className="card">
        <h3>
          {t('step.profile')} {props.action?.('profile')}
        </h3>
        <dl className="summary">
          <dt>{t('profile.registeredAddress')}</dt>
          <dd>{profile.registeredAddress}</dd>
          <dt>{t('profile.registrationDate')}</dt>
          <dd>{profile.registrationDate}</dd>
          <dt>{t('profile.legalRepresentative')}</dt>
          <dd>{profile.legalRepresentative}</dd>
          <dt>{t('profile.industry')}</dt>
          <dd>{profile.industry ? t(keyOf(`industry.${profile.industry}`)) : ''}</dd>
          <dt>{t('profile.employees')}</dt>
          <dd>{profile.employees}</dd>
        </dl>
        {profile.finances?.length ? (
          <table>
            <caption>{t('profile.finances')}</caption>
            <thead>
              <tr>
                <th>{t('profile.year')}</th>
                <th className="num">{t('profile.revenue')}</th>
                <th className="num">{t('profile.profit')}</th>
              </tr>
            </thead>
            <tbody>
              {profile.finances.map((row, i) => (
                <tr key={i}>
                  <td>{row.year}</td>
                  <td className="num">{displayTypedWanYuan(row.revenue)}</td>
                  <td className="num">{displayTypedWanYuan(row.profit)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
      <div className="card">
        <h3>
          {t('step.category')} {props.action?.('category')}
        </h3>
        <dl className="summary">
          <dt>{t('category.code')}</dt>
          <dd>{category ? localName(category, lang) : ''}</dd>
          <dt>{t('category.awardType')}</dt>
          <dd>{props.values.category.awardType ? t(keyOf(`awardType.${props.values.category.awardType}`)) : ''}</dd>
          {props.values.category.awardType === 'project' ? (
            <>
              <dt>{t('category.projectName')}</dt>
              <dd>{props.values.category.projectName}</dd>
            </>
          ) : null}
        </dl>
      </div>
      <div className="card">
        <h3>
          {t('step.eligibility')} {props.action?.('eligibility')}
        </h3>
        <table>
          <tbody>
            {Object.entries(props.values.declarations).map(([key, value]) => (
              <tr key={key}>
                <td>{t(keyOf(`declaration.${key}`))}</td>
                <td className={value.answer === 'no' ? 'error' : ''}>
                  {value.answer === 'yes'
                    ? t('declaration.answerYes')
                    : value.answer === 'no'
                      ? t('declaration.answerNo')
                      : ''}
                </td>
                <td>{value.explanation}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {props.attachments ? (
          <>
            <h4>{t('attachments.heading')}</h4>
            <AttachmentList attachments={props.attachments} />
          </>
        ) : null}
      </div>
      <div className="card">
        <h3>
          {t('step.selfAssessment')} {props.action?.('selfAssessment')}
        </h3>
        <p>{t('selfAssessment.counter', { count: characters.toLocaleString('en-US') })}</p>
        {props.selfAssessmentAt ? (
          <>
            <ul>
              {props.criteria?.map((criterion, i) => (
                <li key={criterion.code}>
                  {`${criterion.code} ${localName(criterion, lang)} · ${t('selfAssessment.sectionLength', {
                    count: (props.selfAssessmentAt!.characters[i] ?? 0).toLocaleString('en-US'),
                  })}`}
                </li>
              ))}
            </ul>
            <p>
              <a href={props.selfAssessmentAt.href}>{t('selfAssessment.readFull')}</a>
            </p>
          </>
        ) : null}
        {props.selfAssessmentAt
          ? null
          : props.criteria?.map((criterion, i) => (
              <details key={criterion.code}>
                <summary>
                  {criterion.code} {localName(criterion, lang)}
                </summary>
                <pre className="text">{sections[i] ?? ''}</pre>
              </details>
            ))}
      </div>
    </div>
  )
}
