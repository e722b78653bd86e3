import { Form, Link, useNavigation } from '@remix-run/react'
import type { FormEvent, ReactNode } from 'react'
import { CsrfInput } from '~/components/csrf-input'
import { applicationSteps, type ApplicationStep } from '~/forms/application'
import { useT } from '~/hooks/use-i18n'

/** The frame of every step: the version the form was rendered from, and back / save draft / continue. */
export function StepForm(props: {
  applicationId: number
  version: number
  step: ApplicationStep
  onSubmit: (event: FormEvent<HTMLFormElement>) => void
  children: ReactNode
}) {
  const t = useT()
  const navigation = useNavigation()
  const index = applicationSteps.indexOf(props.step)
  const previous = index > 0 ? applicationSteps[index - 1] : undefined
  return (
    <Form method="post" onSubmit={props.onSubmit} noValidate>
      <CsrfInput />
      <input type="hidden" name="version" value={props.version} />
      {props.children}
      <div className="actions">
        {previous ? <Link to={`/applicant/applications/${props.applicationId}/edit/${previous}`}>{t('form.back')}</Link> : null}
        <button type="submit" name="intent" value="draft" className="secondary" disabled={navigation.state === 'submitting'}>
          {t('form.saveDraft')}
        </button>
        <button type="submit" name="intent" value="continue" disabled={navigation.state === 'submitting'}>
          {t('form.saveAndContinue')}
        </button>
      </div>
    </Form>
  )
}
