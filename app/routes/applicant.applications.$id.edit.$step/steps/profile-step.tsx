import type { EditLoaderData } from '../loader.server'
import { Field } from '~/components/field'
import { industries, type ProfileInput, profileSchema } from '#workflows/application/application.schema'
import { useT } from '~/hooks/use-i18n'
import { useValidatedForm } from '~/hooks/use-validated-form'
import { StepForm } from './step-form'
import { keyOf } from '~/i18n'

export function ProfileStep({ data }: { data: EditLoaderData }) {
  const t = useT()
  const { form, onSubmit, errorOf } = useValidatedForm(profileSchema, data.values.profile as ProfileInput, ['draft'])
  const text = (name: 'registeredAddress' | 'legalRepresentative', label: string) => (
    <Field id={name} label={t(keyOf(label))} error={errorOf(name)}>
      <input id={name} {...form.register(name)} />
    </Field>
  )
  return (
    <StepForm
      applicationId={data.application.id}
      version={data.application.version}
      step="profile"
      onSubmit={onSubmit}
      dirty={form.formState.isDirty}
    >
      {text('registeredAddress', 'profile.registeredAddress')}
      <div className="row">
        <Field
          id="registrationDate"
          label={t('profile.registrationDate')}
          error={errorOf('registrationDate')}
          hint={
            data.yearsRegistered !== null
              ? `${t('profile.yearsRegistered', { years: data.yearsRegistered })}${data.yearsRegistered < 3 ? ` ${t('profile.lessThanThree')}` : ''}`
              : undefined
          }
        >
          <input id="registrationDate" type="date" {...form.register('registrationDate')} />
        </Field>
        {text('legalRepresentative', 'profile.legalRepresentative')}
      </div>
      <div className="row">
        <Field id="industry" label={t('profile.industry')} error={errorOf('industry')}>
          <select id="industry" {...form.register('industry')}>
            <option value="">—</option>
            {industries.map((industry) => (
              <option key={industry} value={industry}>
                {t(`industry.${industry}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="employees" label={t('profile.employees')} error={errorOf('employees')}>
          <input id="employees" inputMode="numeric" {...form.register('employees')} />
        </Field>
      </div>
      <fieldset>
        <legend>{t('profile.finances')}</legend>
        {[0, 1, 2].map((i) => (
          <div className="row" key={i}>
            <Field id={`finances.${i}.year`} label={t('profile.year')} error={errorOf(`finances.${i}.year`)}>
              <input id={`finances.${i}.year`} inputMode="numeric" {...form.register(`finances.${i}.year`)} />
            </Field>
            <Field id={`finances.${i}.revenue`} label={t('profile.revenue')} error={errorOf(`finances.${i}.revenue`)}>
              <input id={`finances.${i}.revenue`} inputMode="decimal" {...form.register(`finances.${i}.revenue`)} />
            </Field>
            <Field id={`finances.${i}.profit`} label={t('profile.profit')} error={errorOf(`finances.${i}.profit`)}>
              <input id={`finances.${i}.profit`} inputMode="decimal" {...form.register(`finances.${i}.profit`)} />
            </Field>
          </div>
        ))}
      </fieldset>
    </StepForm>
  )
}
