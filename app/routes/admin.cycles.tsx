import { postedInteger } from '~/forms/form-data'
import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { listCycles } from '#db/repositories/cycles'
import { createNextCycle } from '#workflows/cycle/cycle.server'
import { ConfirmButton } from '~/components/confirm-button'
import { CsrfInput } from '~/components/csrf-input'
import { FormError } from '~/components/form-error'
import { useLang, useT } from '~/hooks/use-i18n'
import { localName } from '~/i18n'
import { redirectWithFlash } from '~/utils/flash.server'
import { formatDateTime, formatDay } from '~/utils/format'
import { workflowFailure } from '~/utils/http.server'
import { readForm } from '~/utils/request.server'
import { requireUser } from '~/utils/session.server'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, 'admin')
  const cycles = await listCycles(getDb())
  return json({ cycles: cycles.map((c) => ({ ...c, applications: Number(c.applications) })) })
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireUser(request, 'admin')
  const form = await readForm(request)
  try {
    await createNextCycle(getDb(), { fromCycleId: postedInteger(form, 'fromCycleId'), actor })
    return redirectWithFlash(request, '/admin/cycle', 'flash.cycleCreated')
  } catch (error) {
    return workflowFailure(error)
  }
}

/** The award's years: each cycle with its deadline, applications and results; next year's made from this one's. */
export default function Cycles() {
  const { cycles } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const newest = cycles[0]
  return (
    <section>
      <h1>{t('cycles.heading')}</h1>
      <FormError />
      <div className="scroll">
        <table data-testid="cycles">
          <thead>
            <tr>
              <th>{t('cycles.name')}</th>
              <th>{t('admin.deadline')}</th>
              <th className="num">{t('cycles.applications')}</th>
              <th>{t('cycles.results')}</th>
            </tr>
          </thead>
          <tbody>
            {cycles.map((cycle, i) => (
              <tr key={cycle.id}>
                <td>
                  {localName(cycle, lang)}
                  {i === 0 ? <span className="guide"> · {t('cycles.current')}</span> : null}
                </td>
                <td>{formatDateTime(cycle.submission_deadline, lang)}</td>
                <td className="num">{cycle.applications}</td>
                <td>
                  {cycle.results_published_at
                    ? t('cycles.published', { date: formatDateTime(cycle.results_published_at, lang) })
                    : t('cycles.open')}
                  {cycle.approval_document && cycle.approved_on ? (
                    <div className="guide">
                      {t('approval.recorded', {
                        document: cycle.approval_document,
                        date: formatDay(cycle.approved_on, lang),
                      })}
                    </div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {newest ? (
        <Form method="post" className="card">
          <CsrfInput />
          <input type="hidden" name="fromCycleId" value={newest.id} />
          <h2>{t('cycles.next', { year: newest.year + 1 })}</h2>
          <p className="guide">{t('cycles.nextHint', { year: newest.year })}</p>
          <ConfirmButton confirm={t('confirm.nextCycle', { year: newest.year + 1 })}>
            {t('cycles.create', { year: newest.year + 1 })}
          </ConfirmButton>
        </Form>
      ) : null}
      <p>
        <Link to="/admin/cycle">{t('admin.settings')}</Link>
      </p>
    </section>
  )
}
