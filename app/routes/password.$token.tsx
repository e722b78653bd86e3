import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { getUserById } from '#db/repositories/users'
import { checkPasswordLink, setPasswordByLink } from '#workflows/account/password-link.server'
import { CsrfInput } from '~/components/csrf-input'
import { Field } from '~/components/field'
import { FormError } from '~/components/form-error'
import { setPasswordSchema } from '~/forms/password-link'
import { useT } from '~/hooks/use-i18n'
import { useValidatedForm } from '~/hooks/use-validated-form'
import { redirectWithFlash } from '~/utils/flash.server'
import { fieldErrors, workflowFailure } from '~/utils/http.server'
import { weakPasswordReason } from '~/utils/password-strength.server'
import { readForm } from '~/utils/request.server'
import { createUserSession, homeOf } from '~/utils/session.server'
import { parseForm } from '~/utils/validation.server'

/** The account a link is for, or null: a used, expired or unknown link says only that it no longer works. */
async function accountOf(token: string | undefined) {
  const link = await checkPasswordLink(getDb(), token ?? '')
  const user = link ? await getUserById(getDb(), link.userId) : undefined
  return user ? { email: user.email, name: user.display_name } : null
}

export async function loader({ params }: LoaderFunctionArgs) {
  const account = await accountOf(params.token)
  return json(
    { account },
    { status: account ? 200 : 410, headers: { 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' } },
  )
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request)
  const account = await accountOf(params.token)
  if (!account) return json({ messageKey: 'password.linkInvalid' }, { status: 410 })
  const parsed = parseForm(setPasswordSchema, form)
  if (!parsed.ok) return fieldErrors(parsed.errors)
  const weak = weakPasswordReason(parsed.data.password, [account.email, account.name])
  if (weak) return fieldErrors({ password: weak }, weak)
  try {
    const { userId } = await setPasswordByLink(getDb(), { token: params.token ?? '', password: parsed.data.password })
    const user = (await getUserById(getDb(), userId))!
    return redirectWithFlash(request, homeOf(user.role), 'flash.passwordSet', {
      'Set-Cookie': await createUserSession(request, userId),
    })
  } catch (error) {
    return workflowFailure(error)
  }
}

/** Where an invited expert sets a first password, and anyone a new one: from a single-use link sent by e-mail. */
export default function SetPassword() {
  const { account } = useLoaderData<typeof loader>()
  const t = useT()
  const { form, onSubmit, errorOf } = useValidatedForm(setPasswordSchema, { password: '', confirmPassword: '' })
  return (
    <section className="narrow">
      <h1>{t('password.heading')}</h1>
      <FormError />
      {account ? (
        <Form method="post" onSubmit={onSubmit} noValidate>
          <CsrfInput />
          <p>{t('password.intro', { email: account.email })}</p>
          <input type="email" name="username" autoComplete="username" value={account.email} readOnly hidden />
          <Field id="password" label={t('password.new')} error={errorOf('password')} hint={t('auth.passwordHint')}>
            <input id="password" type="password" autoComplete="new-password" {...form.register('password')} />
          </Field>
          <Field id="confirmPassword" label={t('password.confirm')} error={errorOf('confirmPassword')}>
            <input
              id="confirmPassword"
              type="password"
              autoComplete="new-password"
              {...form.register('confirmPassword')}
            />
          </Field>
          <button type="submit">{t('password.submit')}</button>
        </Form>
      ) : (
        <>
          <p className="alert" role="alert">
            {t('password.linkInvalid')}
          </p>
          <p>
            <Link to="/password/forgot">{t('password.forgotHeading')}</Link>
          </p>
        </>
      )}
    </section>
  )
}
