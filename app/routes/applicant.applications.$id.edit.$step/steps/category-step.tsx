import type { EditLoaderData } from '../loader.server'
import { Field } from '~/components/field'
import { awardTypes, categorySchema } from '#workflows/application/application.schema'
import { useLang, useT } from '~/hooks/use-i18n'
import { useValidatedForm } from '~/hooks/use-validated-form'
import { localName, keyOf } from '~/i18n'
import { StepForm } from './step-form'

export function CategoryStep({ data }: { data: EditLoaderData }) {
  const t = useT()
  const lang = useLang()
  const { form, onSubmit, errorOf } = useValidatedForm(categorySchema, data.values.category as never, ['draft'])
  const awardType = form.watch('awardType')
  return (
    <StepForm
      applicationId={data.application.id}
      version={data.application.version}
      step="category"
      onSubmit={onSubmit}
      dirty={form.formState.isDirty}
    >
      <Field id="categoryCode" label={t('category.code')} error={errorOf('categoryCode')}>
        <select id="categoryCode" {...form.register('categoryCode')}>
          <option value="">—</option>
          {data.categories.map((category) => (
            <option key={category.code} value={category.code}>
              {localName(category, lang)}
            </option>
          ))}
        </select>
      </Field>
      <fieldset>
        <legend>{t('category.awardType')}</legend>
        {awardTypes.map((type) => (
          <label key={type} className="inline">
            <input type="radio" value={type} {...form.register('awardType')} /> {t(`awardType.${type}`)}
          </label>
        ))}
        {errorOf('awardType') ? (
          <span className="error" role="alert">
            {t(keyOf(errorOf('awardType')!, 'errors.required'))}
          </span>
        ) : null}
      </fieldset>
      {awardType === 'project' ? (
        <Field id="projectName" label={t('category.projectName')} error={errorOf('projectName')}>
          <input id="projectName" {...form.register('projectName')} />
        </Field>
      ) : (
        <input type="hidden" {...form.register('projectName')} value="" />
      )}
    </StepForm>
  )
}
