import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { registerOrganisation } from '#workflows/account/registration.server'
import { WorkflowError } from '#workflows/errors'
import { CsrfInput } from '~/components/csrf-input'
import { Field } from '~/components/field'
import { FormError } from '~/components/form-error'
import { registrationSchema } from '~/forms/account'
import { useT } from '~/hooks/use-i18n'
import { useValidatedForm } from '~/hooks/use-validated-form'
import { redirectWithFlash } from '~/utils/flash.server'
import { fieldErrors } from '~/utils/http.server'
import { weakPasswordReason } from '~/utils/password-strength.server'
import { clientAddress, overLimit } from '~/utils/rate-limits.server'
import { readForm } from '~/utils/request.server'
import { createUserSession, redirectIfLoggedIn } from '~/utils/session.server'
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
  try {
    const userId = await registerOrganisation(getDb(), parsed.data)
    return redirectWithFlash(request, '/applicant', 'flash.registered', {
      'Set-Cookie': await createUserSession(request, userId),
    })
  } catch (error) {
    if (error instanceof WorkflowError) {
      const field = error.messageKey === 'auth.usccTaken' ? 'uscc' : 'email'
      return fieldErrors({ [field]: error.messageKey }, error.messageKey as 'auth.emailTaken')
    }
    throw error
  }
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
