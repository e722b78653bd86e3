import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { listOfficialCalendarDays } from '#db/repositories/calendar'
import { enterOfficialCalendar } from '#workflows/cycle/calendar.server'
import { builtInCalendar } from '#workflows/cycle/working-days'
import { CsrfInput } from '~/components/csrf-input'
import { Field } from '~/components/field'
import { FormError } from '~/components/form-error'
import { beijingToday } from '#workflows/application/application.schema'
import { officialCalendarSchema } from '~/forms/calendar'
import { useLang, useT } from '~/hooks/use-i18n'
import { redirectWithFlash } from '~/utils/flash.server'
import { formatDateTime } from '~/utils/format'
import { fieldErrors, workflowFailure } from '~/utils/http.server'
import { readForm } from '~/utils/request.server'
import { requireUser } from '~/utils/session.server'
import { parseForm } from '~/utils/validation.server'
import { requireCurrentCycle } from '~/utils/current-cycle.server'

/** The official holiday calendar (法定节假日与调休) the public notice counts working days by. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, 'admin')
  const entered = await listOfficialCalendarDays(getDb())
  const builtIn = builtInCalendar()
  const thisYear = Number(beijingToday().slice(0, 4))
  const years = [thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((year) => {
    const own = entered.filter((day) => day.year === year)
    return {
      year,
      source:
        own.length > 0
          ? ('entered' as const)
          : builtIn.knownYears.has(year)
            ? ('builtIn' as const)
            : ('unknown' as const),
      enteredAt: own[0]?.entered_at ?? null,
      holidays: own.filter((d) => d.kind === 'holiday').map((d) => d.date),
      workdays: own.filter((d) => d.kind === 'workday').map((d) => d.date),
    }
  })
  return json({ years, suggestedYear: years.find((y) => y.source === 'unknown')?.year ?? thisYear + 1 })
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireUser(request, 'admin')
  const form = await readForm(request)
  const parsed = parseForm(officialCalendarSchema, form)
  if (!parsed.ok) return fieldErrors(parsed.errors)
  const cycle = await requireCurrentCycle()
  try {
    await enterOfficialCalendar(getDb(), { actor, cycleId: cycle.id, ...parsed.data })
    return redirectWithFlash(request, '/admin/calendar', 'flash.calendarSaved')
  } catch (error) {
    return workflowFailure(error)
  }
}

export default function OfficialCalendarPage() {
  const { years, suggestedYear } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  return (
    <section>
      <h1>{t('calendar.heading')}</h1>
      <p>{t('calendar.intro')}</p>
      <FormError />
      <table>
        <thead>
          <tr>
            <th>{t('calendar.year')}</th>
            <th>{t('calendar.source')}</th>
            <th>{t('calendar.holidays')}</th>
            <th>{t('calendar.workdays')}</th>
          </tr>
        </thead>
        <tbody>
          {years.map((row) => (
            <tr key={row.year} className={row.source === 'unknown' ? 'warning' : undefined}>
              <td>{row.year}</td>
              <td>
                {t(`calendar.source.${row.source}`)}
                {row.enteredAt ? ` · ${formatDateTime(row.enteredAt, lang)}` : null}
              </td>
              <td>{row.holidays.join('、')}</td>
              <td>{row.workdays.join('、')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Form method="post" className="card">
        <CsrfInput />
        <h2>{t('calendar.enter')}</h2>
        <Field id="year" label={t('calendar.year')}>
          <input id="year" name="year" inputMode="numeric" defaultValue={suggestedYear} required size={6} />
        </Field>
        <Field id="holidays" label={t('calendar.holidays')} hint={t('calendar.datesHint')}>
          <textarea
            id="holidays"
            name="holidays"
            rows={4}
            placeholder={`${suggestedYear}-01-01 ${suggestedYear}-01-02 ${suggestedYear}-01-03`}
          />
        </Field>
        <Field id="workdays" label={t('calendar.workdays')} hint={t('calendar.datesHint')}>
          <textarea id="workdays" name="workdays" rows={2} placeholder={`${suggestedYear}-02-20`} />
        </Field>
        <div className="actions">
          <button type="submit">{t('calendar.save')}</button>
        </div>
      </Form>
    </section>
  )
}
