import fs from 'node:fs/promises'
import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { getCurrentCycle } from '#db/repositories/cycles'
import { listApplicationsOnNotice } from '#db/repositories/objections'
import { fileObjection } from '#workflows/objection/objection.server'
import { maxObjectionFiles } from '#workflows/objection/objection.rules'
import { CsrfInput } from '~/components/csrf-input'
import { Field } from '~/components/field'
import { FormError } from '~/components/form-error'
import { objectionSchema } from '~/forms/objection'
import { useLang, useT } from '~/hooks/use-i18n'
import { useValidatedForm } from '~/hooks/use-validated-form'
import { redirectWithFlash } from '~/utils/flash.server'
import { flushOutboxSoon } from '~/utils/email.server'
import { formatLastDay } from '~/utils/format'
import { fieldErrors, httpError, workflowFailure } from '~/utils/http.server'
import { clientAddress, overLimit } from '~/utils/rate-limits.server'
import { uploadRoute } from '~/upload-limits.mjs'
import { readForm, readUpload } from '~/utils/request.server'
import { diskStore, incomingDir } from '#db/attachment-store.server'
import { parseForm } from '~/utils/validation.server'

/** Only a proposed winner currently on notice can be objected to; anything else is not found. */
async function onNotice(idParam: string | undefined) {
  const db = getDb()
  const cycle = await getCurrentCycle(db)
  const id = Number(idParam)
  const row = cycle && Number.isSafeInteger(id) ? (await listApplicationsOnNotice(db, cycle.id, id))[0] : undefined
  if (!row) throw httpError(404, 'errors.notFound')
  return row
}

export async function loader({ params }: LoaderFunctionArgs) {
  const row = await onNotice(params.id)
  return json({ application: row, submissionToken: globalThis.crypto.randomUUID() })
}

/** The objection's text fields and its evidence files: a multipart form (files) or a plain one (no files). */
async function readObjection(request: Request) {
  if (!(request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
    return { form: await readForm(request), files: [], discard: async () => {} }
  }
  // The written grounds may run to 5,000 characters: the text fields get room for that in UTF-8.
  const upload = await readUpload(request, uploadRoute('objection'), incomingDir())
  const form = new URLSearchParams()
  for (const [name, value] of upload.fields) if (typeof value === 'string') form.append(name, value)
  return { form, files: upload.files, discard: upload.discard }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const row = await onNotice(params.id)
  const { form, files, discard } = await readObjection(request)
  try {
    // Each objection e-mails the secretariat and holds publication: one address may file only a few an hour.
    const limited = await overLimit('objectionsPerAddress', clientAddress(context))
    if (limited) return limited
    const parsed = parseForm(objectionSchema, form)
    if (!parsed.ok) return fieldErrors(parsed.errors)
    const evidenceFiles = await Promise.all(
      files.map(async (file) => ({ filename: file.filename, bytes: new Uint8Array(await fs.readFile(file.path)) })),
    )
    const { reference } = await fileObjection(
      getDb(),
      { applicationId: row.id, ...parsed.data, files: evidenceFiles },
      diskStore,
    )
    flushOutboxSoon()
    return redirectWithFlash(request, `/notice?objection=${reference}`, 'objection.received')
  } catch (error) {
    return workflowFailure(error)
  } finally {
    await discard()
  }
}

const fields = [
  ['name', 'objection.name', 'input'],
  ['organisation', 'objection.organisation', 'input'],
  ['phone', 'objection.phone', 'input'],
  ['email', 'objection.email', 'input'],
  ['content', 'objection.content', 'textarea'],
  ['evidence', 'objection.evidence', 'textarea'],
] as const

export default function FileObjection() {
  const { application, submissionToken } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const { form, onSubmit, errorOf } = useValidatedForm(objectionSchema, {
    name: '',
    organisation: '',
    phone: '',
    email: '',
    content: '',
    evidence: '',
  })
  return (
    <section className="narrow">
      <h1>{t('notice.formHeading', { name: application.organisation_name })}</h1>
      <p>
        {lang === 'en' ? application.category_en : application.category_zh} ·{' '}
        {lang === 'en' ? application.level_en : application.level_zh}
        {application.notice_ends_at
          ? ` · ${t('notice.until', { date: formatLastDay(application.notice_ends_at, lang) })}`
          : ''}
      </p>
      <p>{t('notice.intro')}</p>
      <FormError />
      <Form method="post" encType="multipart/form-data" onSubmit={onSubmit} noValidate>
        <CsrfInput />
        <input type="hidden" name="submissionToken" value={submissionToken} />
        {fields.map(([name, label, kind]) => (
          <Field key={name} id={name} label={t(label)} error={errorOf(name)}>
            {kind === 'textarea' ? (
              <textarea id={name} rows={5} {...form.register(name)} />
            ) : (
              <input id={name} {...form.register(name)} />
            )}
          </Field>
        ))}
        <Field id="file" label={t('objection.files')} hint={t('objection.filesHint', { count: maxObjectionFiles })}>
          <input id="file" name="file" type="file" multiple accept="application/pdf,image/png,image/jpeg" />
        </Field>
        <button type="submit">{t('objection.submit')}</button>
      </Form>
    </section>
  )
}
