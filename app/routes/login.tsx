import { type ActionFunctionArgs, json, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useSearchParams } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { findUserByEmail } from '#db/repositories/users'
import { CsrfInput } from '~/components/csrf-input'
import { Field } from '~/components/field'
import { FormError } from '~/components/form-error'
import { loginSchema } from '~/forms/account'
import { useT } from '~/hooks/use-i18n'
import { useValidatedForm } from '~/hooks/use-validated-form'
import { fieldErrors, httpError } from '~/utils/http.server'
import { dummyPasswordHash, verifyPassword } from '~/utils/password.server'
import { readForm } from '~/utils/request.server'
import { createUserSession, homeOf, redirectIfLoggedIn, safeNext } from '~/utils/session.server'
import { parseForm } from '~/utils/validation.server'

export async function loader({ request }: LoaderFunctionArgs) {
  await redirectIfLoggedIn(request)
  return json({})
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request)
  const parsed = parseForm(loginSchema, form)
  if (!parsed.ok) return fieldErrors(parsed.errors)
  const user = await findUserByEmail(getDb(), parsed.data.email)
  // Verify against a dummy hash when the e-mail is unknown, so timing does not reveal who has an account.
  const valid = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), parsed.data.password)
  if (!user || !valid) return httpError(400, 'auth.badCredentials')
  const cookie = await createUserSession(request, user.id)
  return redirect(safeNext(new URL(request.url).searchParams.get('next'), homeOf(user.role)), { headers: { 'Set-Cookie': cookie } })
}

export default function Login() {
  const t = useT()
  const [params] = useSearchParams()
  const { form, onSubmit, errorOf } = useValidatedForm(loginSchema, { email: '', password: '' })
  return (
    <section className="narrow">
      <h1>{t('auth.loginTitle')}</h1>
      <FormError />
      <Form method="post" action={`/login${params.get('next') ? `?next=${encodeURIComponent(params.get('next')!)}` : ''}`} onSubmit={onSubmit} noValidate>
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
        <Link to="/register">{t('auth.noAccount')}</Link>
      </p>
    </section>
  )
}
