import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { changePassword } from '#workflows/account/password.server'
import { WorkflowError } from '#workflows/errors'
import { CsrfInput } from '~/components/csrf-input'
import { Field } from '~/components/field'
import { FormError } from '~/components/form-error'
import { changePasswordSchema } from '~/forms/account'
import { useT } from '~/hooks/use-i18n'
import { useValidatedForm } from '~/hooks/use-validated-form'
import { redirectWithFlash } from '~/utils/flash.server'
import { fieldErrors } from '~/utils/http.server'
import { weakPasswordReason } from '~/utils/password-strength.server'
import { readForm } from '~/utils/request.server'
import { requireUser, sessionIdFrom } from '~/utils/session.server'
import { parseForm } from '~/utils/validation.server'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request)
  return json({})
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireUser(request)
  const form = await readForm(request)
  const parsed = parseForm(changePasswordSchema, form)
  if (!parsed.ok) return fieldErrors(parsed.errors)
  const weak = weakPasswordReason(parsed.data.newPassword, [
    user.email,
    user.display_name,
    user.organisation_name ?? '',
  ])
  if (weak) return fieldErrors({ newPassword: weak }, weak)
  try {
    await changePassword(getDb(), {
      userId: user.id,
      currentPassword: parsed.data.currentPassword,
      newPassword: parsed.data.newPassword,
      keepSessionId: await sessionIdFrom(request),
    })
    return redirectWithFlash(request, '/account', 'account.changed')
  } catch (error) {
    if (error instanceof WorkflowError)
      return fieldErrors({ currentPassword: error.messageKey }, 'account.wrongPassword')
    throw error
  }
}

export default function Account() {
  const t = useT()
  const { form, onSubmit, errorOf } = useValidatedForm(changePasswordSchema, {
    currentPassword: '',
    newPassword: '',
    confirmPassword: '',
  })
  const fields = [
    ['currentPassword', 'account.currentPassword', 'current-password'],
    ['newPassword', 'account.newPassword', 'new-password'],
    ['confirmPassword', 'account.confirmPassword', 'new-password'],
  ] as const
  return (
    <section className="narrow">
      <h1>{t('account.heading')}</h1>
      <h2>{t('account.changePassword')}</h2>
      <FormError />
      <Form method="post" onSubmit={onSubmit} noValidate>
        <CsrfInput />
        {fields.map(([name, label, autoComplete]) => (
          <Field
            key={name}
            id={name}
            label={t(label)}
            error={errorOf(name)}
            hint={name === 'newPassword' ? t('auth.passwordHint') : undefined}
          >
            <input id={name} type="password" autoComplete={autoComplete} {...form.register(name)} />
          </Field>
        ))}
        <button type="submit">{t('account.changePassword')}</button>
      </Form>
      <h2>{t('twoFactor.heading')}</h2>
      <p>
        <Link to="/account/two-factor">{t('twoFactor.link')} →</Link>
      </p>
    </section>
  )
}
