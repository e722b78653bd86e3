import { type ActionFunctionArgs, json, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { getAwardDb } from '#db/client.server'
import { getCurrentCycle } from '#db/repositories/cycles'
import { listLatest } from '#db/repositories/outbox'
import { findLiveRehearsal, listRehearsals } from '#db/repositories/rehearsals'
import { nowIso } from '#db/repositories/types'
import { mayAct } from '#workflows/account/duties'
import { inboxMessage } from '#workflows/notifications/messages'
import { queueDueMessages } from '#workflows/notifications/due-messages.server'
import { maxLiveRehearsals, rehearsalClock, type ClockMove } from '#workflows/cycle/rehearsal'
import { createRehearsal, deleteRehearsal, moveRehearsalClock } from '#workflows/cycle/rehearsal.server'
import { beijingLocalToIso } from '#workflows/time'
import { ConfirmButton } from '~/components/confirm-button'
import { CsrfInput } from '~/components/csrf-input'
import { Field } from '~/components/field'
import { FormError } from '~/components/form-error'
import { postedInteger } from '~/forms/form-data'
import { useLang, useT } from '~/hooks/use-i18n'
import { localName } from '~/i18n'
import { rehearsalCookie } from '~/utils/cookies.server'
import { formatDateTime } from '~/utils/format'
import { redirectWithFlash } from '~/utils/flash.server'
import { refusalWith, workflowFailure } from '~/utils/http.server'
import { runInRehearsal } from '~/utils/rehearsal-scope.server'
import { readForm } from '~/utils/request.server'
import { requireUser } from '~/utils/session.server'

/** How many of a rehearsal's would-be e-mails its card lists. */
const messagesShown = 20

async function enteredRehearsal(request: Request): Promise<number | null> {
  const value = Number(await rehearsalCookie(request).parse(request.headers.get('cookie')))
  return Number.isSafeInteger(value) && value > 0 ? value : null
}

/**
 * 演练 (issue 24; decision record 0035): the register of rehearsals, on the award itself whatever the visitor is in.
 * Each rehearsal's card shows its clock and what it would have sent.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireUser(request, 'admin')
  const award = getAwardDb()
  const now = nowIso()
  const [rehearsals, cycle, entered] = await Promise.all([
    listRehearsals(award),
    getCurrentCycle(award),
    enteredRehearsal(request),
  ])
  const cards = await Promise.all(
    rehearsals.map(async (rehearsal) => {
      const sent = await runInRehearsal(rehearsal.id, (db) => listLatest(db, messagesShown))
      return {
        ...rehearsal,
        clock: rehearsalClock(now, rehearsal.clock_offset_minutes),
        // The register outlives its copies in a backup: a rehearsal whose copy is gone can only be removed.
        copyMissing: sent === null,
        messages: (sent ?? []).map((message) => ({
          id: message.id,
          recipient: message.recipient,
          at: message.created_at,
          text: inboxMessage(message.kind, message.payload),
        })),
      }
    }),
  )
  return json({
    rehearsals: cards,
    entered: cards.some((card) => card.id === entered) ? entered : null,
    cycle: cycle ? { name_zh: cycle.name_zh, name_en: cycle.name_en, archived: cycle.archived_at !== null } : null,
    mayRun: mayAct(actor, 'runCycle'),
    limit: maxLiveRehearsals,
  })
}

function clockMoveOf(form: URLSearchParams): ClockMove {
  const to = form.get('to')
  if (typeof to === 'string' && to.trim() !== '') {
    const local = to.trim()
    return { kind: 'to', at: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? beijingLocalToIso(local) : 'invalid' }
  }
  return { kind: 'days', days: postedInteger(form, 'days') }
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireUser(request, 'admin')
  const form = await readForm(request)
  const intent = form.get('intent')
  const award = getAwardDb()
  const now = nowIso()
  const rehearsalId = postedInteger(form, 'rehearsalId')
  const expectedVersion = postedInteger(form, 'version')
  const cookie = rehearsalCookie(request)
  try {
    switch (intent) {
      case 'create': {
        const { id } = await createRehearsal(award, { actor, now })
        // The one who made it is in it at once: what follows is what they came to rehearse.
        return redirectWithFlash(request, '/admin', 'rehearsal.created', {
          'Set-Cookie': await cookie.serialize(String(id)),
        })
      }
      case 'enter': {
        if (!(await findLiveRehearsal(award, rehearsalId)))
          return json({ messageKey: 'errors.notFound' }, { status: 404 })
        return redirectWithFlash(request, '/admin', 'rehearsal.entered', {
          'Set-Cookie': await cookie.serialize(String(rehearsalId)),
        })
      }
      case 'leave':
        return redirectWithFlash(request, '/admin/rehearsals', 'rehearsal.left', {
          'Set-Cookie': await cookie.serialize('', { maxAge: 0 }),
        })
      case 'clock': {
        const { clockAt } = await moveRehearsalClock(award, {
          actor,
          rehearsalId,
          expectedVersion,
          move: clockMoveOf(form),
          now,
        })
        // What has fallen due by the new time is queued in the rehearsal at once (and never sent), as the
        // scheduler would have queued it in the award.
        const due = await runInRehearsal(rehearsalId, (db) => queueDueMessages(db))
        return json({ moved: { rehearsalId, clockAt, due } })
      }
      case 'delete': {
        await deleteRehearsal(award, { actor, rehearsalId, expectedVersion, now })
        const leaving = (await enteredRehearsal(request)) === rehearsalId
        return redirectWithFlash(
          request,
          '/admin/rehearsals',
          'rehearsal.deleted',
          leaving ? { 'Set-Cookie': await cookie.serialize('', { maxAge: 0 }) } : {},
        )
      }
      default:
        return redirect('/admin/rehearsals')
    }
  } catch (error) {
    const failure = workflowFailure(error)
    // A refused move of a clock is shown beside its field, on the card of the rehearsal it was about.
    return intent === 'clock' ? refusalWith(failure, { rehearsalId, panel: 'clock' }) : failure
  }
}

interface Moved {
  moved?: {
    rehearsalId: number
    clockAt: string
    due: { experts: number; social: number; drafts: number; digests: number } | null
  }
  rehearsalId?: number
  fieldErrors?: Record<string, string>
  vars?: Record<string, string | number>
}

/** A refusal of the clock's move beside its field (the page has one form per rehearsal; only one was posted). */
function fieldError(rehearsalId: number, answer: Moved | undefined, field: 'days' | 'to') {
  const key = answer?.rehearsalId === rehearsalId ? answer.fieldErrors?.[field] : undefined
  return key ? { key, vars: answer?.vars } : undefined
}

export default function Rehearsals() {
  const { rehearsals, entered, cycle, mayRun, limit } = useLoaderData<typeof loader>()
  const moved = useActionData<Moved>()
  const t = useT()
  const lang = useLang()
  return (
    <section className="rehearsals">
      <h1>{t('rehearsal.heading')}</h1>
      <p className="guide">{t('rehearsal.intro', { limit })}</p>
      <FormError />
      {mayRun && cycle ? (
        <Form method="post" className="actions">
          <CsrfInput />
          <input type="hidden" name="intent" value="create" />
          <ConfirmButton
            name="create"
            disabled={cycle.archived || rehearsals.length >= limit}
            confirm={t('rehearsal.createConfirm', { cycle: localName(cycle, lang) })}
          >
            {t('rehearsal.create', { cycle: localName(cycle, lang) })}
          </ConfirmButton>
        </Form>
      ) : null}
      {rehearsals.length === 0 ? <p>{t('rehearsal.none')}</p> : null}
      {rehearsals.map((rehearsal) => {
        const inIt = rehearsal.id === entered
        const result = moved?.moved?.rehearsalId === rehearsal.id ? moved.moved : null
        return (
          <article key={rehearsal.id} className="card" data-testid={`rehearsal-${rehearsal.id}`}>
            <h2>
              {t('rehearsal.banner', { number: rehearsal.id })} ·{' '}
              {lang === 'en' ? rehearsal.cycle_name_en : rehearsal.cycle_name_zh}
              {inIt ? <span className="badge">{t('rehearsal.youAreIn')}</span> : null}
            </h2>
            <p className="guide">
              {t('rehearsal.madeBy', {
                name: rehearsal.created_by_name,
                at: formatDateTime(rehearsal.created_at, lang),
              })}
            </p>
            <p>
              <strong data-testid="rehearsal-clock">
                {t('rehearsal.clock', { clock: formatDateTime(rehearsal.clock, lang) })}
              </strong>
            </p>
            {result ? (
              <p role="status" className="flash">
                {t('rehearsal.moved', { clock: formatDateTime(result.clockAt, lang) })}{' '}
                {t('rehearsal.queued', {
                  reminders: result.due?.experts ?? 0,
                  drafts: result.due?.drafts ?? 0,
                  social: result.due?.social ?? 0,
                  digests: result.due?.digests ?? 0,
                })}
              </p>
            ) : null}
            {rehearsal.copyMissing ? (
              <p className="alert" role="alert">
                {t('rehearsal.copyMissing')}
              </p>
            ) : null}
            <div className="actions" hidden={rehearsal.copyMissing}>
              <Form method="post" className="inline">
                <CsrfInput />
                <input type="hidden" name="rehearsalId" value={rehearsal.id} />
                <input type="hidden" name="intent" value={inIt ? 'leave' : 'enter'} />
                <button type="submit">{inIt ? t('rehearsal.leave') : t('rehearsal.enter')}</button>
              </Form>
            </div>
            {mayRun && !rehearsal.copyMissing ? (
              <Form method="post" className="rehearsal-clock-form">
                <CsrfInput />
                <input type="hidden" name="intent" value="clock" />
                <input type="hidden" name="rehearsalId" value={rehearsal.id} />
                <input type="hidden" name="version" value={rehearsal.version} />
                <Field
                  id={`days-${rehearsal.id}`}
                  label={t('rehearsal.days')}
                  error={fieldError(rehearsal.id, moved, 'days')}
                >
                  <select id={`days-${rehearsal.id}`} name="days" defaultValue="1">
                    {[1, 2, 3, 5, 7, 14, 30].map((days) => (
                      <option key={days} value={days}>
                        {days}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field
                  id={`to-${rehearsal.id}`}
                  label={t('rehearsal.to')}
                  hint={t('rehearsal.toHint')}
                  error={fieldError(rehearsal.id, moved, 'to')}
                >
                  <input id={`to-${rehearsal.id}`} name="to" type="datetime-local" />
                </Field>
                <button type="submit">{t('rehearsal.move')}</button>
              </Form>
            ) : null}
            <details open={rehearsal.messages.length > 0 && inIt}>
              <summary>{t('rehearsal.messages', { count: rehearsal.messages.length })}</summary>
              {rehearsal.messages.length === 0 ? <p className="guide">{t('rehearsal.noMessages')}</p> : null}
              <ul className="rehearsal-messages" data-testid="rehearsal-messages">
                {rehearsal.messages.map((message) => (
                  <li key={message.id}>
                    <span className="guide">{formatDateTime(message.at, lang)}</span> {message.recipient} ·{' '}
                    {message.text ? (lang === 'en' ? message.text.en : message.text.zh) : ''}
                  </li>
                ))}
              </ul>
            </details>
            {mayRun ? (
              <Form method="post" className="actions">
                <CsrfInput />
                <input type="hidden" name="intent" value="delete" />
                <input type="hidden" name="rehearsalId" value={rehearsal.id} />
                <input type="hidden" name="version" value={rehearsal.version} />
                <ConfirmButton className="danger" confirm={t('rehearsal.deleteConfirm', { number: rehearsal.id })}>
                  {t('rehearsal.delete')}
                </ConfirmButton>
              </Form>
            ) : null}
          </article>
        )
      })}
    </section>
  )
}
