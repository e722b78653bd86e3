import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { listInbox, markRead } from '#db/repositories/outbox'
import { nowIso } from '#db/repositories/types'
import { getUserById } from '#db/repositories/users'
import { inboxMessage } from '#workflows/notifications/messages'
import { CsrfInput } from '~/components/csrf-input'
import { useLang, useT } from '~/hooks/use-i18n'
import { redirectWithFlash } from '~/utils/flash.server'
import { formatDateTime } from '~/utils/format'
import { httpError } from '~/utils/http.server'
import { readForm } from '~/utils/request.server'
import { requireUser } from '~/utils/session.server'

async function recipientOf(request: Request) {
  const { actor } = await requireUser(request)
  const user = await getUserById(getDb(), actor.userId)
  if (!user) throw httpError(404, 'errors.notFound')
  return user.email
}

/** The user's notifications (what was e-mailed to them, password links aside), unread first. */
export async function loader({ request }: LoaderFunctionArgs) {
  const email = await recipientOf(request)
  const rows = await listInbox(getDb(), email)
  return json({
    messages: rows.flatMap((row) => {
      const message = inboxMessage(row.kind, row.payload)
      return message
        ? [{ id: row.id, at: row.created_at, unread: row.read_at === null, about: row.organisation_name, ...message }]
        : []
    }),
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const email = await recipientOf(request)
  const form = await readForm(request)
  const id = form.get('id')
  const one = id !== null && /^\d{1,12}$/.test(id) ? Number(id) : undefined
  if (form.get('intent') !== 'read' || (id !== null && one === undefined)) throw httpError(400, 'errors.notAllowedNow')
  await markRead(getDb(), email, nowIso(), one)
  return redirectWithFlash(request, '/inbox', 'flash.inboxRead')
}

export default function Inbox() {
  const { messages } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const unread = messages.filter((m) => m.unread).length
  return (
    <section>
      <h1>{t('inbox.heading')}</h1>
      {messages.length === 0 ? <p>{t('inbox.empty')}</p> : null}
      {unread > 0 ? (
        <Form method="post" className="actions">
          <CsrfInput />
          <button type="submit" name="intent" value="read" className="secondary">
            {t('inbox.markAllRead', { count: unread })}
          </button>
        </Form>
      ) : null}
      <ul className="inbox" data-testid="inbox">
        {messages.map((m) => (
          <li key={m.id} data-unread={m.unread} className={m.unread ? 'card unread' : 'card'}>
            <p>
              {m.unread ? <strong>{t('inbox.new')} </strong> : null}
              {lang === 'en' ? m.en : m.zh}
            </p>
            {m.about ? <p data-testid="inbox-about">{m.about}</p> : null}
            {m.reason && m.detail ? (
              <p className="guide reason">
                {lang === 'en' ? m.detail.en : m.detail.zh}:{' '}
                {typeof m.reason === 'string' ? m.reason : lang === 'en' ? m.reason.en : m.reason.zh}
              </p>
            ) : null}
            {/* A div, not a p: a form inside a p is not valid HTML, and the browser's repair broke hydration. */}
            <div className="guide">
              {formatDateTime(m.at, lang)} · <Link to={m.link}>{t('inbox.open')}</Link>
              {m.unread ? (
                <Form method="post" className="inline">
                  <CsrfInput />
                  <input type="hidden" name="id" value={m.id} />
                  <button type="submit" name="intent" value="read" className="link">
                    {t('inbox.markRead')}
                  </button>
                </Form>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </section>
  )
}
