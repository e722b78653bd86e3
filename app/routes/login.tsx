import { type ActionFunctionArgs, json, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useSearchParams } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { attemptLogin } from '#workflows/account/login.server'
import { beginLoginChallenge } from '#workflows/account/two-factor.server'
import { loginStepCookie } from '~/utils/cookies.server'
import { CsrfInput } from '~/components/csrf-input'
import { Field } from '~/components/field'
import { FormError } from '~/components/form-error'
import { loginSchema } from '~/forms/account'
import { useT } from '~/hooks/use-i18n'
import { useValidatedForm } from '~/hooks/use-validated-form'
import { fieldErrors, httpError } from '~/utils/http.server'
import { clientAddress, consumeLoginAttempt, recordLoginSuccess } from '~/utils/rate-limits.server'
import { readForm } from '~/utils/request.server'
import { createUserSession, homeOf, redirectIfLoggedIn, safeNext } from '~/utils/session.server'
import { parseForm } from '~/utils/validation.server'

export async function loader({ request }: LoaderFunctionArgs) {
  await redirectIfLoggedIn(request)
  return json({})
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request)
  const parsed = parseForm(loginSchema, form)
  if (!parsed.ok) return fieldErrors(parsed.errors)
  const { email, password } = parsed.data
  const address = clientAddress(context)
  const throttled = await consumeLoginAttempt(email, address)
  if (throttled) return throttled
  const result = await attemptLogin(getDb(), email, password)
  if (!result.ok) return httpError(400, 'auth.badCredentials')
  await recordLoginSuccess(email, address)
  const next = new URL(request.url).searchParams.get('next')
  if (result.twoFactor) {
    // The password was right; the session starts only after the second step (login_.code.tsx).
    const token = await beginLoginChallenge(getDb(), result.userId)
    return redirect(`/login/code${next ? `?next=${encodeURIComponent(next)}` : ''}`, {
      headers: { 'Set-Cookie': await loginStepCookie(request).serialize(token) },
    })
  }
  const cookie = await createUserSession(request, result.userId)
  return redirect(safeNext(next, homeOf(result.role)), {
    headers: { 'Set-Cookie': cookie },
  })
}

export default function Login() {
  const t = useT()
  const [params] = useSearchParams()
  const { form, onSubmit, errorOf } = useValidatedForm(loginSchema, { email: '', password: '' })
  return (
    <section className="narrow">
      <h1>{t('auth.loginTitle')}</h1>
      <FormError />
      <Form
        method="post"
        action={`/login${params.get('next') ? `?next=${encodeURIComponent(params.get('next')!)}` : ''}`}
        onSubmit={onSubmit}
        noValidate
      >
        <CsrfInput />
        <Field id="email" label={t('auth.email')} error={errorOf('email')}>
          <input id="email" type="email" autoComplete="username" {...form.register('email')} />
        </Field>
        <Field id="password" label={t('auth.password')} error={errorOf('password')}>
          <input id="password" type="password" autoComplete="current-password" {...form.register('password')} />
        </Field>
        <button type="submit">{t('auth.submitLogin')}</button>
      </Form>
      <p>
        <Link to="/register">{t('auth.noAccount')}</Link> · <Link to="/password/forgot">{t('password.forgot')}</Link>
      </p>
    </section>
  )
}
