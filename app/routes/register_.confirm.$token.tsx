import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { checkRegistrationLink, confirmRegistration } from '#workflows/account/registration.server'
import { CsrfInput } from '~/components/csrf-input'
import { FormError } from '~/components/form-error'
import { useT } from '~/hooks/use-i18n'
import { redirectWithFlash } from '~/utils/flash.server'
import { workflowFailure } from '~/utils/http.server'
import { readForm } from '~/utils/request.server'
import { createUserSession } from '~/utils/session.server'

// The token is a key to create an account: no referrer carries it elsewhere, no cache keeps the page.
const linkHeaders = { 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' }

export async function loader({ params }: LoaderFunctionArgs) {
  const registration = await checkRegistrationLink(getDb(), params.token ?? '')
  return json({ registration }, { status: registration ? 200 : 410, headers: linkHeaders })
}

export async function action({ request, params }: ActionFunctionArgs) {
  await readForm(request)
  try {
    const userId = await confirmRegistration(getDb(), { token: params.token ?? '' })
    return redirectWithFlash(request, '/applicant', 'flash.registered', {
      'Set-Cookie': await createUserSession(request, userId),
    })
  } catch (error) {
    return workflowFailure(error)
  }
}

/**
 * Where the link of a registration e-mail leads. Following it shows what will be created; the account is created
 * by the button, not by opening the link, so a mail scanner that opens links creates nothing.
 */
export default function ConfirmRegistration() {
  const { registration } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <section className="narrow">
      <h1>{t('register.confirmHeading')}</h1>
      <FormError />
      {registration ? (
        <Form method="post">
          <CsrfInput />
          <p>{t('register.confirmIntro')}</p>
          <dl className="summary card">
            <dt>{t('auth.organisationName')}</dt>
            <dd>{registration.organisationName}</dd>
            <dt>{t('auth.uscc')}</dt>
            <dd>{registration.uscc}</dd>
            <dt>{t('auth.email')}</dt>
            <dd>{registration.email}</dd>
          </dl>
          <button type="submit">{t('register.confirmSubmit')}</button>
        </Form>
      ) : (
        <>
          <p className="alert" role="alert">
            {t('register.linkInvalid')}
          </p>
          <p>
            <Link to="/register">{t('register.again')}</Link> · <Link to="/login">{t('nav.login')}</Link>
          </p>
        </>
      )}
    </section>
  )
}
