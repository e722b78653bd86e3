import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { listUnavailableDays } from '#db/repositories/unavailability'
import { markUnavailable, unmarkUnavailable } from '#workflows/experts/availability.server'
import { beijingToday } from '#workflows/time'
import { CsrfInput } from '~/components/csrf-input'
import { Field } from '~/components/field'
import { FormError } from '~/components/form-error'
import { useLang, useT } from '~/hooks/use-i18n'
import { keyOf } from '~/i18n'
import { redirectWithFlash } from '~/utils/flash.server'
import { formatDay } from '~/utils/format'
import { workflowFailure } from '~/utils/http.server'
import { readForm } from '~/utils/request.server'
import { requireUser } from '~/utils/session.server'

/** 不可参加日期: the days an expert cannot attend a defence or site visit; draws leave them out on those days. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireUser(request, 'reviewer')
  const today = beijingToday()
  return json({ today, days: await listUnavailableDays(getDb(), actor.userId, today) })
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireUser(request, 'reviewer')
  const form = await readForm(request)
  const day = (form.get('day') ?? '').trim().slice(0, 10)
  try {
    if (form.get('intent') === 'remove') await unmarkUnavailable(getDb(), { actor, day })
    else await markUnavailable(getDb(), { actor, day })
    return redirectWithFlash(request, '/review/availability', 'flash.availabilitySaved')
  } catch (error) {
    return workflowFailure(error)
  }
}

export default function Availability() {
  const { today, days } = useLoaderData<typeof loader>()
  const answer = useActionData<{ fieldErrors?: Record<string, string> }>()
  const t = useT()
  const lang = useLang()
  return (
    <section className="narrow">
      <h1>{t('availability.heading')}</h1>
      <p>
        <Link to="/review">{t('nav.assignments')}</Link>
      </p>
      <p className="guide">{t('availability.intro')}</p>
      <FormError />
      <Form method="post" className="card actions">
        <CsrfInput />
        <Field
          id="day"
          label={t('availability.day')}
          error={answer?.fieldErrors?.day ? keyOf(answer.fieldErrors.day) : undefined}
        >
          <input id="day" name="day" type="date" min={today} required />
        </Field>
        <button type="submit" name="intent" value="add">
          {t('availability.add')}
        </button>
      </Form>
      {days.length === 0 ? (
        <p className="guide">{t('availability.none')}</p>
      ) : (
        <ul className="inbox" data-testid="unavailable-days">
          {days.map((day) => (
            <li key={day} className="card">
              <Form method="post" className="actions">
                <CsrfInput />
                <input type="hidden" name="day" value={day} />
                <span>{formatDay(day, lang)}</span>
                <button type="submit" name="intent" value="remove" className="secondary">
                  {t('availability.remove')}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
