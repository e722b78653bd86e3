import type { EditLoaderData } from '~/routes/applicant.applications.$id.edit.$step'
import { Field } from '~/components/field'
import { countCharacters, selfAssessmentLimit, selfAssessmentSchema } from '~/forms/application'
import { useLang, useT } from '~/hooks/use-i18n'
import { useValidatedForm } from '~/hooks/use-validated-form'
import { localName } from '~/i18n'
import { StepForm } from './step-form'

/** One text per GB/T 19580 category, with a live count against the 30,000-character limit. */
export function SelfAssessmentStep({ data }: { data: EditLoaderData }) {
  const t = useT()
  const lang = useLang()
  const sections = data.criteria.map((_, i) => data.values.selfAssessment.sections[i] ?? '')
  const { form, onSubmit, errorOf } = useValidatedForm(selfAssessmentSchema, { sections }, ['draft'])
  const watched = form.watch('sections') as string[] | undefined
  const count = (watched ?? sections).reduce((sum, text) => sum + countCharacters(text ?? ''), 0)
  return (
    <StepForm applicationId={data.application.id} version={data.application.version} step="selfAssessment" onSubmit={onSubmit}>
      <p>{t('selfAssessment.intro')}</p>
      <p className={`counter${count > selfAssessmentLimit ? ' over' : ''}`} aria-live="polite" data-testid="character-counter">
        {t('selfAssessment.counter', { count: count.toLocaleString('en-US') })}
      </p>
      {errorOf('total') ? <p className="alert">{t(errorOf('total')!)}</p> : null}
      {data.criteria.map((category, i) => (
        <Field
          key={category.code}
          id={`sections.${i}`}
          label={`${category.code} ${localName(category, lang)} (${t('selfAssessment.points', { points: category.points })})`}
          error={errorOf(`sections.${i}`)}
        >
          <textarea id={`sections.${i}`} rows={6} {...form.register(`sections.${i}`)} />
        </Field>
      ))}
    </StepForm>
  )
}
