import { type ActionFunctionArgs, json } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { requestPasswordReset } from '#workflows/account/password-link.server'
import { CsrfInput } from '~/components/csrf-input'
import { Field } from '~/components/field'
import { FormError } from '~/components/form-error'
import { forgotPasswordSchema } from '~/forms/password-link'
import { useT } from '~/hooks/use-i18n'
import { useValidatedForm } from '~/hooks/use-validated-form'
import { flushOutboxSoon } from '~/utils/email.server'
import { fieldErrors } from '~/utils/http.server'
import { clientAddress, overLimit } from '~/utils/rate-limits.server'
import { readForm } from '~/utils/request.server'
import { parseForm } from '~/utils/validation.server'

export async function loader() {
  return json({})
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request)
  const limited = await overLimit('passwordResetsPerAddress', clientAddress(context))
  if (limited) return limited
  const parsed = parseForm(forgotPasswordSchema, form)
  if (!parsed.ok) return fieldErrors(parsed.errors)
  await requestPasswordReset(getDb(), { email: parsed.data.email })
  flushOutboxSoon()
  // The same answer whether or not the address has an account: the form does not tell who is registered.
  return json({ sent: true })
}

export default function ForgotPassword() {
  const t = useT()
  const answer = useActionData<{ sent?: boolean }>()
  const { form, onSubmit, errorOf } = useValidatedForm(forgotPasswordSchema, { email: '' })
  return (
    <section className="narrow">
      <h1>{t('password.forgotHeading')}</h1>
      <FormError />
      {answer?.sent ? (
        <p className="flash" role="status">
          {t('password.forgotSent')}
        </p>
      ) : (
        <Form method="post" onSubmit={onSubmit} noValidate>
          <CsrfInput />
          <p>{t('password.forgotIntro')}</p>
          <Field id="email" label={t('auth.email')} error={errorOf('email')}>
            <input id="email" type="email" autoComplete="email" {...form.register('email')} />
          </Field>
          <button type="submit">{t('password.forgotSubmit')}</button>
        </Form>
      )}
    </section>
  )
}
