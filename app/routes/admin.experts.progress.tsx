import { postedInteger } from '~/forms/form-data'
import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { listCycleCategories } from '#db/repositories/cycles'
import { reviewerProgress } from '#db/repositories/review'
import { countInReviewByCategory } from '#db/repositories/applications'
import { drawForCategory } from '#workflows/review/review.server'
import { remindExpert, remindOverdueExperts } from '#workflows/review/reminders.server'
import { ConfirmButton } from '~/components/confirm-button'
import { CsrfInput } from '~/components/csrf-input'
import { InlineError, PanelError, usePanelFocus } from '~/components/panel-error'
import { beijingToday } from '#workflows/application/application.schema'
import { useLang, useT } from '~/hooks/use-i18n'
import { localName } from '~/i18n'
import { flushOutboxSoon } from '~/utils/email.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { fieldErrors, httpError, inPanel, workflowFailure } from '~/utils/http.server'
import { readForm } from '~/utils/request.server'
import { requireUser } from '~/utils/session.server'
import { formatDay } from '~/utils/format'
import { requireCurrentCycle } from '~/utils/current-cycle.server'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, 'admin')
  const db = getDb()
  const cycle = await requireCurrentCycle()
  const [progress, categories, waiting] = await Promise.all([
    reviewerProgress(db, cycle.id, beijingToday()),
    listCycleCategories(db, cycle.id),
    countInReviewByCategory(db, cycle.id),
  ])
  return json({
    progress,
    dueDate: cycle.review_due_date,
    perApplication: cycle.reviewers_per_application,
    categories: categories.map((c) => ({
      code: c.code,
      name_zh: c.name_zh,
      name_en: c.name_en,
      inReview: waiting.get(c.code) ?? 0,
    })),
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireUser(request, 'admin')
  const form = await readForm(request)
  const cycle = await requireCurrentCycle()
  const intent = form.get('intent')
  const panel = intent === 'remind' || intent === 'remindOverdue' ? 'progress' : 'category-draw'
  try {
    if (intent === 'remindOverdue') {
      await remindOverdueExperts(getDb(), { cycleId: cycle.id, actor, today: beijingToday() })
      flushOutboxSoon()
      return redirectWithFlash(request, '/admin/experts/progress#progress', 'flash.overdueReminded')
    }
    if (intent === 'remind') {
      await remindExpert(getDb(), { reviewerId: postedInteger(form, 'reviewerId'), cycleId: cycle.id, actor })
      flushOutboxSoon()
      return redirectWithFlash(request, '/admin/experts/progress#progress', 'flash.reminderSent')
    }
    if (intent === 'drawCategory') {
      const category = form.get('categoryCode') ?? ''
      if (!(await listCycleCategories(getDb(), cycle.id)).some((c) => c.code === category))
        return inPanel(fieldErrors({ categoryCode: 'errors.unknownCategory' }, 'errors.unknownCategory'), panel)
      const outcome = await drawForCategory(getDb(), { cycleId: cycle.id, categoryCode: category, actor })
      flushOutboxSoon()
      return redirectWithFlash(
        request,
        '/admin/experts/progress#category-draw',
        outcome ? 'flash.categoryDrawn' : 'flash.nothingToDraw',
      )
    }
    return httpError(400, 'errors.notAllowedNow')
  } catch (error) {
    return inPanel(workflowFailure(error), panel)
  }
}

/** 评审进度: each expert's reviews this cycle by state, the overdue ones marked, a reminder a click away; and a
 * category's draw at once. */
export default function ReviewerProgress() {
  const { progress, dueDate, perApplication, categories } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  usePanelFocus()
  const overdueExperts = progress.filter((row) => row.overdue > 0).length
  return (
    <section>
      <p>
        <Link to="/admin/experts">{t('expert.pool')}</Link>
      </p>
      <h1>{t('progress.heading')}</h1>
      <Form method="post" className="card" id="category-draw">
        <CsrfInput />
        <h2>{t('progress.drawCategory')}</h2>
        <PanelError panel="category-draw" />
        <p className="guide">{t('progress.drawCategoryHint', { count: perApplication })}</p>
        <div className="actions">
          <label>
            {t('applicant.category')}
            <select name="categoryCode" defaultValue="">
              <option value="" disabled>
                {t('admin.chooseLevel')}
              </option>
              {categories.map((c) => (
                <option key={c.code} value={c.code}>
                  {localName(c, lang)} · {t('progress.inReview', { count: c.inReview })}
                </option>
              ))}
            </select>
            <InlineError panel="category-draw" name="categoryCode" />
          </label>
          <ConfirmButton name="intent" value="drawCategory" confirm={t('confirm.drawCategory')}>
            {t('progress.drawButton')}
          </ConfirmButton>
        </div>
      </Form>
      <div className="card" id="progress">
        <h2>{t('progress.perExpert')}</h2>
        <PanelError panel="progress" />
        <p className="guide">{dueDate ? t('progress.due', { date: formatDay(dueDate, lang) }) : t('progress.noDue')}</p>
        {progress.length === 0 ? <p>{t('progress.none')}</p> : null}
        {overdueExperts > 0 ? (
          <Form method="post" className="actions">
            <CsrfInput />
            <ConfirmButton
              name="intent"
              value="remindOverdue"
              confirm={t('confirm.remindOverdue', { count: overdueExperts })}
            >
              {t('progress.remindOverdue', { count: overdueExperts })}
            </ConfirmButton>
          </Form>
        ) : null}
        <div className="scroll">
          <table data-testid="progress">
            <thead>
              <tr>
                <th>{t('admin.reviewer')}</th>
                <th className="num">{t('progress.col.invited')}</th>
                <th className="num">{t('progress.col.accepted')}</th>
                <th className="num">{t('progress.col.inProgress')}</th>
                <th className="num">{t('progress.col.submitted')}</th>
                <th className="num" title={t('progress.ended')}>
                  {t('progress.col.ended')}
                </th>
                <th className="num">{t('progress.overdue')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {progress.map((row) => (
                <tr
                  key={row.reviewerId}
                  className={row.overdue > 0 ? 'warning' : undefined}
                  data-overdue={row.overdue > 0}
                >
                  <td>{row.name}</td>
                  <td className="num">{row.invited}</td>
                  <td className="num">{row.accepted}</td>
                  <td className="num">{row.inProgress}</td>
                  <td className="num">{row.submitted}</td>
                  <td className="num">{row.ended}</td>
                  <td className="num">{row.overdue > 0 ? <strong className="error">{row.overdue}</strong> : 0}</td>
                  <td>
                    {row.invited + row.accepted + row.inProgress > 0 ? (
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="reviewerId" value={row.reviewerId} />
                        <ConfirmButton
                          name="intent"
                          value="remind"
                          className="secondary"
                          confirm={t('confirm.remind', { name: row.name })}
                        >
                          {t('progress.remind')}
                        </ConfirmButton>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  )
}
