import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { requestRegistration } from '#workflows/account/registration.server'
import { CsrfInput } from '~/components/csrf-input'
import { Field } from '~/components/field'
import { FormError } from '~/components/form-error'
import { registrationSchema } from '~/forms/account'
import { useT } from '~/hooks/use-i18n'
import { useValidatedForm } from '~/hooks/use-validated-form'
import { flushOutboxSoon } from '~/utils/email.server'
import { fieldErrors } from '~/utils/http.server'
import { weakPasswordReason } from '~/utils/password-strength.server'
import { clientAddress, overLimit } from '~/utils/rate-limits.server'
import { readForm } from '~/utils/request.server'
import { redirectIfLoggedIn } from '~/utils/session.server'
import { parseForm } from '~/utils/validation.server'

export async function loader({ request }: LoaderFunctionArgs) {
  await redirectIfLoggedIn(request)
  return json({})
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request)
  const limited = await overLimit('registrationsPerAddress', clientAddress(context))
  if (limited) return limited
  const parsed = parseForm(registrationSchema, form)
  if (!parsed.ok) return fieldErrors(parsed.errors)
  const weak = weakPasswordReason(parsed.data.password, [
    parsed.data.email,
    parsed.data.organisationName,
    parsed.data.contactPerson,
    parsed.data.uscc,
  ])
  if (weak) return fieldErrors({ password: weak }, weak)
  await requestRegistration(getDb(), parsed.data)
  flushOutboxSoon()
  // The same answer whether or not the address or the code is taken: the form does not tell who is registered
  // (the e-mail sent says what happened, to whom it concerns).
  return json({ sentTo: parsed.data.email })
}

const fields = [
  ['organisationName', 'auth.organisationName', 'text', 'organization'],
  ['uscc', 'auth.uscc', 'text', 'off'],
  ['contactPerson', 'auth.contactPerson', 'text', 'name'],
  ['email', 'auth.email', 'email', 'email'],
  ['phone', 'auth.phone', 'tel', 'tel'],
  ['password', 'auth.password', 'password', 'new-password'],
  ['confirmPassword', 'auth.confirmPassword', 'password', 'new-password'],
] as const

export default function Register() {
  const t = useT()
  const answer = useActionData<{ sentTo?: string }>()
  if (answer?.sentTo)
    return (
      <section className="narrow">
        <h1>{t('register.sentHeading')}</h1>
        <p className="flash" role="status">
          {t('register.sent', { email: answer.sentTo })}
        </p>
        <p>
          <Link to="/login">{t('nav.login')}</Link>
        </p>
      </section>
    )
  return <RegistrationForm />
}

function RegistrationForm() {
  const t = useT()
  const { form, onSubmit, errorOf } = useValidatedForm(registrationSchema, {
    organisationName: '',
    uscc: '',
    usccExplanation: '',
    contactPerson: '',
    email: '',
    phone: '',
    password: '',
    confirmPassword: '',
  })
  const explainUscc =
    errorOf('uscc') === 'errors.usccCheckCharacter' ||
    form.watch('usccExplanation') !== '' ||
    errorOf('usccExplanation') !== undefined
  return (
    <section className="narrow">
      <h1>{t('auth.registerTitle')}</h1>
      <p>{t('register.intro')}</p>
      <FormError />
      <Form method="post" onSubmit={onSubmit} noValidate>
        <CsrfInput />
        {fields
          .map(([name, label, type, autoComplete]) => (
            <Field
              key={name}
              id={name}
              label={t(label)}
              error={errorOf(name)}
              hint={name === 'uscc' ? t('auth.usccHint') : name === 'password' ? t('auth.passwordHint') : undefined}
            >
              <input id={name} type={type} autoComplete={autoComplete} {...form.register(name)} />
            </Field>
          ))
          .flatMap((field) =>
            // The explanation box appears right under the credit code once its check character fails.
            field.key === 'uscc' && explainUscc
              ? [
                  field,
                  <Field
                    key="usccExplanation"
                    id="usccExplanation"
                    label={t('auth.usccExplanation')}
                    error={errorOf('usccExplanation')}
                    hint={t('auth.usccExplanationHint')}
                  >
                    <textarea id="usccExplanation" rows={3} {...form.register('usccExplanation')} />
                  </Field>,
                ]
              : [field],
          )}
        <button type="submit">{t('auth.submitRegister')}</button>
      </Form>
      <p>
        <Link to="/login">{t('auth.haveAccount')}</Link>
      </p>
    </section>
  )
}
