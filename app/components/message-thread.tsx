import { Form } from '@remix-run/react'
import { useLang, useT } from '~/hooks/use-i18n'
import { keyOf } from '~/i18n'
import { formatDateTime } from '~/utils/format'
import { CsrfInput } from './csrf-input'
import { Field } from './field'

export interface ThreadMessage {
  id: number
  author: string
  fromSecretariat: boolean
  body: string
  at: string
}

/** An application's thread between the secretariat and the applicant, oldest first, with the form to write. */
export function MessageThread(props: {
  messages: readonly ThreadMessage[]
  error?: string
  hint: string
  /** Named from the reader's side: "with the secretariat" or "with the applicant". */
  heading: string
}) {
  const t = useT()
  const lang = useLang()
  return (
    <section className="card" id="thread" data-testid="thread">
      <h2>{props.heading}</h2>
      {props.messages.length === 0 ? <p className="guide">{t('thread.none')}</p> : null}
      <ol className="thread">
        {props.messages.map((m) => (
          <li key={m.id} className={m.fromSecretariat ? 'from-secretariat' : 'from-applicant'}>
            <p className="guide">
              {m.fromSecretariat ? t('thread.secretariat') : m.author} · {formatDateTime(m.at, lang)}
            </p>
            <p className="pre-line">{m.body}</p>
          </li>
        ))}
      </ol>
      {/* Keyed by the thread's length: once a message is sent, the form starts empty again. */}
      <Form method="post" preventScrollReset key={props.messages.length}>
        <CsrfInput />
        <Field
          id="body"
          label={t('thread.write')}
          hint={props.hint}
          error={props.error ? keyOf(props.error) : undefined}
        >
          <textarea id="body" name="body" rows={4} maxLength={2000} />
        </Field>
        <button type="submit" name="intent" value="message">
          {t('thread.send')}
        </button>
      </Form>
    </section>
  )
}

/** The thread's rows as the component takes them. */
export function threadMessages(
  rows: ReadonlyArray<{ id: number; body: string; created_at: string; display_name: string; role: string }>,
): ThreadMessage[] {
  return rows.map((row) => ({
    id: row.id,
    author: row.display_name,
    fromSecretariat: row.role === 'admin',
    body: row.body,
    at: row.created_at,
  }))
}
