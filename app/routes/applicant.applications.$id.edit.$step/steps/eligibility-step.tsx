import type { EditLoaderData } from '../loader.server'
import { Field } from '~/components/field'
import { declarationKeys, eligibilitySchema } from '#workflows/application/application.schema'
import { useT } from '~/hooks/use-i18n'
import { useValidatedForm } from '~/hooks/use-validated-form'
import { StepForm } from './step-form'
import { keyOf } from '~/i18n'

/** One yes/no declaration with an explanation per eligibility condition; the project condition only for projects. */
export function EligibilityStep({ data }: { data: EditLoaderData }) {
  const t = useT()
  const keys = declarationKeys.filter(
    (key) => key !== 'projectInOperation' || data.values.category.awardType === 'project',
  )
  const defaults = Object.fromEntries(
    keys.map((key) => [key, data.values.declarations[key] ?? { answer: '', explanation: '' }]),
  )
  const { form, onSubmit, errorOf } = useValidatedForm(eligibilitySchema, defaults as never, ['draft'])
  return (
    <StepForm
      applicationId={data.application.id}
      version={data.application.version}
      step="eligibility"
      onSubmit={onSubmit}
      dirty={form.formState.isDirty}
    >
      {keys.map((key) => {
        const answer = form.watch(`${key}.answer` as never) as unknown as string
        return (
          <fieldset key={key}>
            <legend>{t(`declaration.${key}`)}</legend>
            <label className="inline">
              <input type="radio" value="yes" {...form.register(`${key}.answer` as never)} />{' '}
              {t('declaration.answerYes')}
            </label>{' '}
            <label className="inline">
              <input type="radio" value="no" {...form.register(`${key}.answer` as never)} /> {t('declaration.answerNo')}
            </label>
            {errorOf(`${key}.answer`) ? (
              <span className="error" role="alert">
                {' '}
                {t(keyOf(errorOf(`${key}.answer`)!, 'errors.required'))}
              </span>
            ) : null}
            {answer === 'no' ? <p className="alert">{t('declaration.noWarning')}</p> : null}
            <Field id={`${key}.explanation`} label={t('declaration.explanation')} error={errorOf(`${key}.explanation`)}>
              <textarea id={`${key}.explanation`} rows={2} {...form.register(`${key}.explanation` as never)} />
            </Field>
          </fieldset>
        )
      })}
    </StepForm>
  )
}
