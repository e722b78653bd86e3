import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useT } from '~/hooks/use-i18n'
import { CsrfInput } from './csrf-input'
import { Field } from './field'

/**
 * An invitation by e-mail (an expert, a member of staff, a colleague of the organisation): a heading and its hint,
 * the person's name and address, then what the page asks besides (a kind, offices, a role) and its button. The
 * invited person sets their own password through the e-mailed link.
 */
export function InvitationForm({
  id,
  heading,
  hint,
  errors,
  intent,
  children,
}: {
  id: string
  heading: string
  hint: string
  errors: Record<string, string | undefined>
  intent?: string
  children: ReactNode
}) {
  const t = useT()
  return (
    <Form method="post" className="card" id={id}>
      <CsrfInput />
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <h2>{heading}</h2>
      <p className="guide">{hint}</p>
      <div className="row">
        <Field id="name" label={t('admin.displayName')} error={errors.name}>
          <input id="name" name="name" />
        </Field>
        <Field id="email" label={t('auth.email')} error={errors.email}>
          <input id="email" name="email" type="email" />
        </Field>
      </div>
      {children}
    </Form>
  )
}
