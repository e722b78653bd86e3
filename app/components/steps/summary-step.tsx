import { Form, Link, useNavigation } from '@remix-run/react'
import type { EditLoaderData } from '~/routes/applicant.applications.$id.edit.$step'
import { CsrfInput } from '~/components/csrf-input'
import { countCharacters } from '~/forms/application'
import { useLang, useT } from '~/hooks/use-i18n'
import { localName } from '~/i18n'

export function SummaryStep({ data }: { data: EditLoaderData }) {
  const t = useT()
  const lang = useLang()
  const navigation = useNavigation()
  const profile = data.values.profile as unknown as Record<string, string>
  const category = data.categories.find((c) => c.code === data.values.category.categoryCode)
  const characters = data.values.selfAssessment.sections.reduce((sum, text) => sum + countCharacters(text ?? ''), 0)
  const edit = (step: string) => <Link to={`/applicant/applications/${data.application.id}/edit/${step}`}>{t('summary.edit')}</Link>
  return (
    <div>
      <p>{t('summary.intro')}</p>
      {data.missing.length > 0 ? (
        <p className="alert" role="alert">
          {t('errors.incomplete', { steps: data.missing.map((s) => t(`step.${s}`)).join('、') })}
        </p>
      ) : null}
      <div className="card">
        <h3>{t('step.profile')} {edit('profile')}</h3>
        <dl className="summary">
          <dt>{t('profile.registeredAddress')}</dt><dd>{profile.registeredAddress}</dd>
          <dt>{t('profile.registrationDate')}</dt><dd>{profile.registrationDate}</dd>
          <dt>{t('profile.legalRepresentative')}</dt><dd>{profile.legalRepresentative}</dd>
          <dt>{t('profile.industry')}</dt><dd>{profile.industry ? t(`industry.${profile.industry}`) : ''}</dd>
          <dt>{t('profile.employees')}</dt><dd>{profile.employees}</dd>
        </dl>
      </div>
      <div className="card">
        <h3>{t('step.category')} {edit('category')}</h3>
        <dl className="summary">
          <dt>{t('category.code')}</dt><dd>{category ? localName(category, lang) : ''}</dd>
          <dt>{t('category.awardType')}</dt><dd>{data.values.category.awardType ? t(`awardType.${data.values.category.awardType}`) : ''}</dd>
        </dl>
      </div>
      <div className="card">
        <h3>{t('step.eligibility')} {edit('eligibility')}</h3>
        <dl className="summary">
          {Object.entries(data.values.declarations).map(([key, value]) => (
            <div key={key} style={{ display: 'contents' }}>
              <dt>{t(`declaration.${key}`)}</dt>
              <dd>{value.answer === 'yes' ? t('declaration.answerYes') : value.answer === 'no' ? t('declaration.answerNo') : ''} · {value.explanation}</dd>
            </div>
          ))}
        </dl>
      </div>
      <div className="card">
        <h3>{t('step.selfAssessment')} {edit('selfAssessment')}</h3>
        <p>{t('selfAssessment.counter', { count: characters.toLocaleString('en-US') })}</p>
      </div>
      <Form method="post">
        <CsrfInput />
        <input type="hidden" name="version" value={data.application.version} />
        <button type="submit" name="intent" value="submit" disabled={data.missing.length > 0 || navigation.state === 'submitting'}>
          {data.application.status === 'returned' ? t('summary.resubmit') : t('summary.submit')}
        </button>
      </Form>
    </div>
  )
}
