import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { getCurrentCycle, listCycleCategories } from '#db/repositories/cycles'
import { applicationsWithPanels, listGroupMessages } from '#db/repositories/group-messages'
import { applicationNumber } from '#workflows/application/application-number'
import { applicationStatuses } from '#workflows/application/application.machine'
import type { AudienceRecord } from '#workflows/notifications/group-message'
import { previewGroupMessage, sendGroupMessage } from '#workflows/notifications/group-message.server'
import { audienceText } from '~/components/audience-label'
import { CsrfInput } from '~/components/csrf-input'
import { Field } from '~/components/field'
import { FormError } from '~/components/form-error'
import { groupMessageSchema } from '~/forms/group-message'
import { useLang, useT } from '~/hooks/use-i18n'
import { localName } from '~/i18n'
import { flushOutboxSoon } from '~/utils/email.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { formatDateTime } from '~/utils/format'
import { fieldErrors, httpError, refusalWith, workflowFailure } from '~/utils/http.server'
import { readForm } from '~/utils/request.server'
import { requireUser } from '~/utils/session.server'
import { parseForm } from '~/utils/validation.server'

async function currentCycle() {
  const cycle = await getCurrentCycle(getDb())
  if (!cycle) throw httpError(404, 'errors.notFound')
  return cycle
}

/** 群发消息: the form, and the cycle's messages sent so far. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, 'admin')
  const db = getDb()
  const cycle = await currentCycle()
  const [categories, panels, sent] = await Promise.all([
    listCycleCategories(db, cycle.id),
    applicationsWithPanels(db, cycle.id),
    listGroupMessages(db, cycle.id),
  ])
  return json({
    categories: categories.map((c) => ({ code: c.code, name_zh: c.name_zh, name_en: c.name_en })),
    panels: panels.map((p) => ({
      id: p.id,
      stage: p.stage,
      label: `${applicationNumber(cycle.year, p.id)} ${p.name}`,
    })),
    sent: sent.map((m) => ({
      id: m.id,
      audience: JSON.parse(m.audience) as AudienceRecord,
      subject: m.subject,
      body: m.body,
      recipients: m.recipients,
      sentAt: m.sent_at,
      sentBy: m.sent_by,
    })),
  })
}

type Values = Record<'to' | 'category' | 'status' | 'application' | 'subject' | 'body', string>

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireUser(request, 'admin')
  const form = await readForm(request)
  const values: Values = {
    to: form.get('to') ?? 'applicants',
    category: form.get('category') ?? '',
    status: form.get('status') ?? '',
    application: form.get('application') ?? '',
    subject: form.get('subject') ?? '',
    body: form.get('body') ?? '',
  }
  const parsed = parseForm(groupMessageSchema, form)
  // A refusal carries back what was typed, so the page shows the form as it was sent.
  if (!parsed.ok) return refusalWith(fieldErrors(parsed.errors), { values })
  const cycle = await currentCycle()
  const { audience, subject, body, confirmed } = parsed.data
  try {
    if (parsed.data.intent === 'preview') {
      const preview = await previewGroupMessage(getDb(), { cycleId: cycle.id, actor, audience, subject, body })
      return json({ preview, values })
    }
    await sendGroupMessage(getDb(), {
      cycleId: cycle.id,
      actor,
      audience,
      subject,
      body,
      confirmedRecipients: confirmed ?? -1,
    })
    flushOutboxSoon()
    return redirectWithFlash(request, '/admin/messages', 'flash.messageSent')
  } catch (error) {
    return refusalWith(workflowFailure(error), { values })
  }
}

interface ActionData {
  values?: Values
  fieldErrors?: Record<string, string>
  preview?: { count: number; first: string[]; sample: { subject: string; body: string } | null }
}

export default function GroupMessages() {
  const { categories, panels, sent } = useLoaderData<typeof loader>()
  const data = useActionData<ActionData>()
  const t = useT()
  const lang = useLang()
  const values = data?.values
  const errors = data?.fieldErrors ?? {}
  const preview = data?.preview
  return (
    <section>
      <h1>{t('messages.heading')}</h1>
      <p className="guide">{t('messages.intro')}</p>
      <p className="guide">
        {t('messages.placeholders')} <code>{'{单位}'}</code> / <code>{'{organisation}'}</code>{' '}
        {t('messages.placeholder.organisation')}； <code>{'{编号}'}</code> / <code>{'{number}'}</code>{' '}
        {t('messages.placeholder.number')}； <code>{'{姓名}'}</code> / <code>{'{name}'}</code>{' '}
        {t('messages.placeholder.name')}
      </p>
      <Form method="post" className="card" data-testid="group-message">
        <CsrfInput />
        <FormError />
        <fieldset>
          <legend>{t('messages.audience')}</legend>
          <label className="choice">
            <input
              type="radio"
              name="to"
              value="applicants"
              defaultChecked={(values?.to ?? 'applicants') === 'applicants'}
            />{' '}
            {t('messages.toApplicants')}
          </label>
          <div className="row indent">
            <Field id="category" label={t('messages.category')} error={errors.category}>
              <select id="category" name="category" defaultValue={values?.category ?? ''}>
                <option value="">{t('messages.any')}</option>
                {categories.map((c) => (
                  <option key={c.code} value={c.code}>
                    {localName(c, lang)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="status" label={t('messages.status')} error={errors.status}>
              <select id="status" name="status" defaultValue={values?.status ?? ''}>
                <option value="">{t('messages.any')}</option>
                {applicationStatuses.map((status) => (
                  <option key={status} value={status}>
                    {t(`status.${status}` as 'status.draft')}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <label className="choice">
            <input type="radio" name="to" value="experts" defaultChecked={values?.to === 'experts'} />{' '}
            {t('messages.toExperts')}
          </label>
          <label className="choice">
            <input type="radio" name="to" value="panel" defaultChecked={values?.to === 'panel'} />{' '}
            {t('messages.toPanel')}
          </label>
          <label className="choice">
            <input type="radio" name="to" value="team" defaultChecked={values?.to === 'team'} /> {t('messages.toTeam')}
          </label>
          <div className="indent">
            {panels.length === 0 ? (
              <p className="guide">{t('messages.noPanels')}</p>
            ) : (
              <Field id="application" label={t('messages.application')} error={errors.application}>
                <select id="application" name="application" defaultValue={values?.application ?? ''}>
                  <option value="">—</option>
                  {[...new Map(panels.map((p) => [p.id, p])).values()].map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.label}
                    </option>
                  ))}
                </select>
              </Field>
            )}
          </div>
        </fieldset>
        <Field id="subject" label={t('messages.subject')} error={errors.subject}>
          <input id="subject" name="subject" maxLength={120} defaultValue={values?.subject ?? ''} />
        </Field>
        <Field id="body" label={t('messages.body')} error={errors.body}>
          <textarea id="body" name="body" rows={8} maxLength={5000} defaultValue={values?.body ?? ''} />
        </Field>
        {preview ? (
          <div className="notice" data-testid="message-preview" role="status">
            {preview.count === 0 ? (
              <p>{t('messages.noneReached')}</p>
            ) : (
              <>
                <p>
                  {t('messages.willReach', { count: preview.count })} {preview.first.join('、')}
                  {preview.count > preview.first.length ? ` ${t('messages.andMore')}` : ''}
                </p>
                {preview.sample ? (
                  <blockquote>
                    <strong>{preview.sample.subject}</strong>
                    <p className="pre-line">{preview.sample.body}</p>
                  </blockquote>
                ) : null}
                <input type="hidden" name="confirmed" value={preview.count} />
              </>
            )}
          </div>
        ) : null}
        <div className="actions">
          <button type="submit" name="intent" value="preview" className={preview?.count ? 'secondary' : undefined}>
            {t('messages.preview')}
          </button>
          {preview && preview.count > 0 ? (
            <button type="submit" name="intent" value="send">
              {t('messages.confirm', { count: preview.count })}
            </button>
          ) : null}
        </div>
      </Form>
      <h2>{t('messages.sent')}</h2>
      {sent.length === 0 ? <p className="guide">{t('messages.noneSent')}</p> : null}
      <ul className="inbox" data-testid="messages-sent">
        {sent.map((m) => (
          <li key={m.id} className="card">
            <p>
              <strong>{m.subject}</strong> · {audienceText(t, lang, m.audience)} ·{' '}
              {t('messages.recipients', { count: m.recipients })}
            </p>
            <p className="pre-line">{m.body}</p>
            <p className="guide">{t('messages.sentBy', { name: m.sentBy, at: formatDateTime(m.sentAt, lang) })}</p>
          </li>
        ))}
      </ul>
    </section>
  )
}
