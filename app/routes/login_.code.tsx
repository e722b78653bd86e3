import { type ActionFunctionArgs, json, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { completeLoginChallenge, loginChallengeOpen } from '#workflows/account/two-factor.server'
import { WorkflowError } from '#workflows/errors'
import { CsrfInput } from '~/components/csrf-input'
import { Field } from '~/components/field'
import { FormError } from '~/components/form-error'
import { useT } from '~/hooks/use-i18n'
import { keyOf } from '~/i18n'
import { loginStepCookie } from '~/utils/cookies.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { fieldErrors, workflowFailure } from '~/utils/http.server'
import { clientAddress, consumeLoginAttempt, recordLoginSuccess } from '~/utils/rate-limits.server'
import { readForm } from '~/utils/request.server'
import { createUserSession, homeOf, redirectIfLoggedIn, safeNext } from '~/utils/session.server'

async function stepToken(request: Request): Promise<string | null> {
  const value = await loginStepCookie(request).parse(request.headers.get('cookie'))
  return typeof value === 'string' && value.length > 0 ? value : null
}

const backToLogin = (request: Request) => {
  const next = new URL(request.url).searchParams.get('next')
  return `/login${next ? `?next=${encodeURIComponent(next)}` : ''}`
}

/** The second step of a login: the code of the authenticator app, or a recovery code. */
export async function loader({ request }: LoaderFunctionArgs) {
  await redirectIfLoggedIn(request)
  const token = await stepToken(request)
  if (!token || !(await loginChallengeOpen(getDb(), token))) throw redirect(backToLogin(request))
  return json({})
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request)
  const token = await stepToken(request)
  if (!token) return redirectWithFlash(request, backToLogin(request), 'errors.loginStepExpired')
  const code = (form.get('code') ?? '').slice(0, 40)
  if (code.trim() === '') return fieldErrors({ code: 'errors.required' })
  // The same limits as the password (per address and per account): guessing codes is guessing a password.
  const address = clientAddress(context)
  const throttled = await consumeLoginAttempt(`second-step:${token}`, address)
  if (throttled) return throttled
  try {
    const { userId, role } = await completeLoginChallenge(getDb(), { token, code })
    // A right code was no failure: the office's address keeps its allowance for its other staff.
    await recordLoginSuccess(`second-step:${token}`, address)
    const headers = new Headers()
    headers.append('Set-Cookie', await createUserSession(request, userId))
    headers.append('Set-Cookie', await loginStepCookie(request).serialize('', { maxAge: 0 }))
    return redirect(safeNext(new URL(request.url).searchParams.get('next'), homeOf(role)), { headers })
  } catch (error) {
    if (error instanceof WorkflowError && error.status === 410)
      return redirectWithFlash(request, backToLogin(request), 'errors.loginStepExpired')
    return workflowFailure(error)
  }
}

export default function LoginCode() {
  const t = useT()
  const [params] = useSearchParams()
  const answer = useActionData<{ fieldErrors?: Record<string, string> }>()
  const next = params.get('next')
  return (
    <section className="narrow">
      <h1>{t('twoFactor.loginTitle')}</h1>
      <p className="guide">{t('twoFactor.loginHint')}</p>
      <FormError />
      <Form method="post" action={`/login/code${next ? `?next=${encodeURIComponent(next)}` : ''}`}>
        <CsrfInput />
        <Field
          id="code"
          label={t('twoFactor.code')}
          hint={t('twoFactor.codeHint')}
          error={answer?.fieldErrors?.code ? keyOf(answer.fieldErrors.code) : undefined}
        >
          <input id="code" name="code" autoComplete="one-time-code" inputMode="text" maxLength={40} />
        </Field>
        <button type="submit">{t('twoFactor.verify')}</button>
      </Form>
      <p>
        <Link to="/login">{t('twoFactor.startOver')}</Link>
      </p>
    </section>
  )
}
