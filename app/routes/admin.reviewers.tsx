import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { listReviewers } from '#db/repositories/users'
import { createReviewerAccount } from '#workflows/account/registration.server'
import { WorkflowError } from '#workflows/errors'
import { CsrfInput } from '~/components/csrf-input'
import { Field } from '~/components/field'
import { FormError } from '~/components/form-error'
import { reviewerSchema } from '~/forms/account'
import { useT } from '~/hooks/use-i18n'
import { useValidatedForm } from '~/hooks/use-validated-form'
import { redirectWithFlash } from '~/utils/flash.server'
import { fieldErrors } from '~/utils/http.server'
import { weakPasswordReason } from '~/utils/password-strength.server'
import { readForm } from '~/utils/request.server'
import { requireUser } from '~/utils/session.server'
import { parseForm } from '~/utils/validation.server'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, 'admin')
  return json({ reviewers: await listReviewers(getDb()) })
}

export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request, 'admin')
  const form = await readForm(request)
  const parsed = parseForm(reviewerSchema, form)
  if (!parsed.ok) return fieldErrors(parsed.errors)
  const weak = weakPasswordReason(parsed.data.password, [parsed.data.email, parsed.data.displayName])
  if (weak) return fieldErrors({ password: weak }, weak)
  try {
    await createReviewerAccount(getDb(), parsed.data)
    return redirectWithFlash(request, '/admin/reviewers', 'admin.reviewerAdded')
  } catch (error) {
    if (error instanceof WorkflowError) return fieldErrors({ email: error.messageKey }, 'auth.emailTaken')
    throw error
  }
}

export default function Reviewers() {
  const { reviewers } = useLoaderData<typeof loader>()
  const t = useT()
  const { form, onSubmit, errorOf } = useValidatedForm(reviewerSchema, { displayName: '', email: '', expertise: '', password: '' })
  return (
    <section>
      <h1>{t('admin.reviewers')}</h1>
      <table>
        <thead>
          <tr>
            <th>{t('admin.displayName')}</th>
            <th>{t('auth.email')}</th>
            <th>{t('admin.expertise')}</th>
            <th className="num">{t('admin.assignmentsCount')}</th>
          </tr>
        </thead>
        <tbody>
          {reviewers.map((r) => (
            <tr key={r.id}>
              <td>{r.display_name}</td>
              <td>{r.email}</td>
              <td>{r.expertise}</td>
              <td className="num">{r.assignment_count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('admin.addReviewer')}</h2>
      <FormError />
      <Form method="post" onSubmit={onSubmit} noValidate className="narrow">
        <CsrfInput />
        <Field id="displayName" label={t('admin.displayName')} error={errorOf('displayName')}>
          <input id="displayName" {...form.register('displayName')} />
        </Field>
        <Field id="email" label={t('auth.email')} error={errorOf('email')}>
          <input id="email" type="email" {...form.register('email')} />
        </Field>
        <Field id="expertise" label={t('admin.expertise')} error={errorOf('expertise')}>
          <input id="expertise" {...form.register('expertise')} />
        </Field>
        <Field id="password" label={t('auth.password')} hint={t('auth.passwordHint')} error={errorOf('password')}>
          <input id="password" type="password" autoComplete="new-password" {...form.register('password')} />
        </Field>
        <button type="submit">{t('admin.addReviewer')}</button>
      </Form>
    </section>
  )
}
