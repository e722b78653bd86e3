import { Form, Link, useNavigation } from '@remix-run/react'
import type { FormEvent, ReactNode } from 'react'
import { CsrfInput } from '~/components/csrf-input'
import { applicationSteps, type ApplicationStep } from '#workflows/application/application.schema'
import { useT } from '~/hooks/use-i18n'
import { useUnsavedChanges } from '~/hooks/use-unsaved-changes'

/** The frame of every step: the version the form was rendered from, and back / save draft / continue. */
export function StepForm(props: {
  applicationId: number
  version: number
  step: ApplicationStep
  onSubmit: (event: FormEvent<HTMLFormElement>) => void
  /** The step holds edits not yet saved: leaving it asks first. */
  dirty: boolean
  children: ReactNode
}) {
  const t = useT()
  const unsaved = useUnsavedChanges(props.dirty)
  const navigation = useNavigation()
  const index = applicationSteps.indexOf(props.step)
  const previous = index > 0 ? applicationSteps[index - 1] : undefined
  return (
    <Form
      method="post"
      onSubmit={(event) => {
        unsaved.submitting()
        props.onSubmit(event)
      }}
      noValidate
    >
      <CsrfInput />
      <input type="hidden" name="version" value={props.version} />
      {props.children}
      <div className="actions">
        {previous ? (
          <Link to={`/applicant/applications/${props.applicationId}/edit/${previous}`}>{t('form.back')}</Link>
        ) : null}
        <button
          type="submit"
          name="intent"
          value="draft"
          className="secondary"
          disabled={navigation.state === 'submitting'}
        >
          {t('form.saveDraft')}
        </button>
        <button type="submit" name="intent" value="continue" disabled={navigation.state === 'submitting'}>
          {t('form.saveAndContinue')}
        </button>
      </div>
    </Form>
  )
}
