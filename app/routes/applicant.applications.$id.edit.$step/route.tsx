/**
 * The applicant's five-step form (issue 21: a page module). This file is the view only: the data comes from
 * ./loader.server.ts, saving and submitting from ./intents.server.ts, and the steps in ./steps/ read the loader's type
 * from the loader's module, never from this route.
 */
import type { loader } from './loader.server'
import { Link, type ShouldRevalidateFunction, useLoaderData } from '@remix-run/react'
import { RequiredEvidence } from '~/components/required-evidence'
import { CategoryStep } from './steps/category-step'
import { EligibilityStep } from './steps/eligibility-step'
import { ProfileStep } from './steps/profile-step'
import { SelfAssessmentStep } from './steps/self-assessment-step'
import { SummaryStep } from './steps/summary-step'
import { FormError } from '~/components/form-error'
import { AttachmentList } from '~/components/attachment-list'
import { AttachmentUpload } from '~/components/attachment-upload'
import { applicationSteps } from '#workflows/application/application.schema'
import { useLang, useT } from '~/hooks/use-i18n'
import { formatDay } from '~/utils/format'

export { loader } from './loader.server'
export { action } from './intents.server'

export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get('intent') === 'autosave' ? false : defaultShouldRevalidate

export default function EditApplication() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const index = applicationSteps.indexOf(data.step)
  return (
    <section>
      <h1>{t('application.heading')}</h1>
      {data.returnedReason ? (
        <p className="alert">
          {t('application.returnedReason')} {data.returnedReason}
          {data.correctionDueDate
            ? ` ${t('application.correctionDue', { date: formatDay(data.correctionDueDate, lang) })}`
            : ''}
        </p>
      ) : null}
      <ol className="steps" aria-label={t('form.stepOf', { n: index + 1, total: applicationSteps.length })}>
        {applicationSteps.map((step, i) => (
          <li
            key={step}
            className={step === data.step ? 'current' : ''}
            aria-current={step === data.step ? 'step' : undefined}
          >
            <Link to={`/applicant/applications/${data.application.id}/edit/${step}`}>
              {i + 1}. {t(`step.${step}`)}
            </Link>
          </li>
        ))}
      </ol>
      <h2>{t(`step.${data.step}`)}</h2>
      <FormError
        vars={{
          steps: data.missing.map((s) => t(`step.${s}`)).join('、'),
          conditions: data.evidence.missing.map((c) => t(`declaration.${c}`)).join('、'),
        }}
      />
      {data.step === 'profile' ? <ProfileStep key={data.application.version} data={data} /> : null}
      {data.step === 'category' ? <CategoryStep key={data.application.version} data={data} /> : null}
      {data.step === 'eligibility' ? (
        <>
          <EligibilityStep key={data.application.version} data={data} />
          <div className="card" id="attachments" data-testid="attachments">
            <h3>{t('attachments.heading')}</h3>
            <p>{t('attachments.intro')}</p>
            <RequiredEvidence required={data.evidence.required} missing={data.evidence.missing} />
            <AttachmentList
              attachments={data.attachments}
              removeAction={`/applicant/applications/${data.application.id}/attachments`}
            />
            <AttachmentUpload action={`/applicant/applications/${data.application.id}/attachments`} />
          </div>
        </>
      ) : null}
      {data.step === 'selfAssessment' ? <SelfAssessmentStep key={data.application.version} data={data} /> : null}
      {data.step === 'summary' ? <SummaryStep data={data} /> : null}
    </section>
  )
}
