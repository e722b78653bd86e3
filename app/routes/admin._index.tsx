import { postedInteger } from '~/forms/form-data'
import { applicationNumber } from '#workflows/application/application-number'
import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { deskPage, deskPageSize } from '#db/repositories/applications'
import { cycleCategories } from '~/utils/cycle-reference.server'
import { activeAssignmentCounts } from '#db/repositories/review'
import { applicationStatuses } from '#workflows/application/application.machine'
import { ChartFigure, CountsTable } from '~/components/chart-figure'
import { ListLink, useListLinks } from '~/components/list-link'
import { listHref } from '~/components/pager'
import { StatusBadge } from '~/components/status-badge'
import { useLang, useT } from '~/hooks/use-i18n'
import { localName } from '~/i18n'
import { formatDateTime, formatDay } from '~/utils/format'
import { requireUser } from '~/utils/session.server'
import { countInFilter, cycleCounts, statusCountsOf } from '~/utils/cycle-counts.server'
import { requireCycleView, requireRequestedCycle } from '~/utils/current-cycle.server'
import { listCycleNames } from '#db/repositories/cycles'
import { CycleSwitch } from '~/components/cycle-switch'
import { getLang, getTranslator } from '~/utils/i18n.server'
import { pipelineFrom } from '~/utils/pipeline.server'
import { deskCursorOf, deskCursorText, deskFilterOf, deskSortOf } from '~/utils/desk-filter.server'
import { startEligibilityReviews } from '#workflows/application/application.server'
import { CsrfInput } from '~/components/csrf-input'
import { PanelError } from '~/components/panel-error'
import { TickAll, useTickedCount } from '~/components/bulk-selection'
import { ConfirmButton } from '~/components/confirm-button'
import { ColumnChoice } from '~/components/column-choice'
import { chooseColumns, columnsOf } from '#workflows/account/list-columns.server'
import type { ListColumn } from '#workflows/account/list-columns'
import { useRef } from 'react'
import { redirectWithFlash } from '~/utils/flash.server'
import { httpError, inPanel, workflowFailure } from '~/utils/http.server'
import { readForm } from '~/utils/request.server'
import { listSavedFilters } from '#db/repositories/saved-filters'
import { removeFilter, saveFilter, savedQuery } from '#workflows/account/saved-filters.server'
import { signedInPage } from '~/utils/public-page'

/** Kept for a session while the database is unchanged (app/page-cache.mjs): the loader only reads. */
export const handle = signedInPage

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request, 'admin')
  const db = getDb()
  // The current cycle, or an earlier one asked for (?cycle=): an application of last year stays within reach.
  const [{ cycle, current, cycleQuery }, cycles] = await Promise.all([requireCycleView(request), listCycleNames(db)])
  const params = new URL(request.url).searchParams
  // The cycle's counts are kept by generation: the status tabs, the pipeline and the page's total read them once.
  const [categories, cycleCountRows, lang, t] = await Promise.all([
    cycleCategories(db, cycle.id),
    cycleCounts(db, cycle.id),
    getLang(request),
    getTranslator(request),
  ])
  const {
    status: filter,
    category,
    search,
    applicationId,
  } = deskFilterOf(
    params,
    categories.map((c) => c.code),
  )
  const sort = deskSortOf(params)
  const desk = { status: filter, category, search: search || undefined, applicationId }
  const page = await deskPage(
    db,
    cycle.id,
    desk,
    { after: deskCursorOf(params.get('after'), sort), before: deskCursorOf(params.get('before'), sort) },
    sort,
    countInFilter(cycleCountRows, desk),
  )
  const counts = statusCountsOf(cycleCountRows)
  const pipeline = pipelineFrom(cycleCountRows, categories, lang, t)
  const assigned = await activeAssignmentCounts(
    db,
    cycle.id,
    // Only applications in document review have experts at work; a page without any asks nothing.
    page.rows.filter((row) => row.status === 'documentReview').map((row) => row.id),
  )
  // An application in document review short of experts (never drawn, or an expert left and the pool had nobody).
  const expertsMissing = Object.fromEntries(
    page.rows
      .map(
        (a) =>
          [
            a.id,
            Math.max(0, cycle.reviewers_per_application - (assigned.get(a.id) ?? cycle.reviewers_per_application)),
          ] as const,
      )
      .filter(([, missing]) => missing > 0),
  )
  return json({
    cycle: { id: cycle.id, year: cycle.year, name_zh: cycle.name_zh, name_en: cycle.name_en },
    current: { id: current.id, name_zh: current.name_zh, name_en: current.name_en },
    cycles,
    // Links to the cycle's other pages name it when it is not the current one.
    cycleQuery,
    applications: page.rows.map((row) => ({
      id: row.id,
      status: row.status,
      category_code: row.category_code,
      updated_at: row.updated_at,
      correction_due_date: row.correction_due_date,
      organisation_name: row.organisation_name,
      score: row.score === null ? null : (row.score / 100).toFixed(2),
      // In document review, sheets in of the experts on it; after it, the sheets it was scored on.
      progress: assigned.get(row.id)
        ? `${row.sheets ?? 0}/${assigned.get(row.id)}`
        : row.sheets
          ? String(row.sheets)
          : null,
    })),
    page: {
      total: page.total,
      from: page.earlier + 1,
      to: page.earlier + page.rows.length,
      hasNext: page.hasNext,
      hasPrevious: page.hasPrevious,
      size: deskPageSize,
      previous: page.hasPrevious && page.rows[0] ? deskCursorText(page.rows[0].position, sort) : null,
      next: page.hasNext && page.rows.at(-1) ? deskCursorText(page.rows.at(-1)!.position, sort) : null,
    },
    sort,
    cycleEmpty: Object.keys(counts).length === 0,
    counts,
    pipeline,
    categories,
    filter: filter ?? null,
    category: category ?? null,
    search,
    expertsMissing,
    savedFilters: await listSavedFilters(db, user.id, 'desk'),
    columns: await columnsOf(db, user.id, 'desk'),
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireUser(request, 'admin')
  const form = await readForm(request)
  const intent = form.get('intent')
  if (intent === 'columns') {
    // The columns this user sees: kept for them, the list shown again as it was.
    try {
      await chooseColumns(getDb(), { userId: actor.userId, list: 'desk', columns: form.getAll('columns') })
    } catch (error) {
      return inPanel(workflowFailure(error), 'columns')
    }
    const back = savedQuery('desk', new URL(request.url).searchParams)
    return redirectWithFlash(request, `/admin${back ? `?${back}` : ''}`, 'flash.columnsSaved')
  }
  if (intent === 'saveFilter' || intent === 'deleteFilter') {
    const here = new URL(request.url).searchParams
    try {
      if (intent === 'saveFilter')
        await saveFilter(getDb(), {
          userId: actor.userId,
          page: 'desk',
          name: form.get('filterName') ?? '',
          query: here,
        })
      else await removeFilter(getDb(), { userId: actor.userId, id: postedInteger(form, 'id') })
      const back = savedQuery('desk', here)
      return redirectWithFlash(
        request,
        `/admin${back ? `?${back}` : ''}`,
        intent === 'saveFilter' ? 'flash.filtersSaved' : 'flash.filterDeleted',
      )
    } catch (error) {
      return inPanel(workflowFailure(error), 'filters')
    }
  }
  const cycle = await requireRequestedCycle(request)
  if (intent !== 'startReviews') return httpError(400, 'errors.notAllowedNow')
  const ids = form
    .getAll('applicationIds')
    .map(Number)
    .filter((id) => Number.isSafeInteger(id) && id > 0)
  try {
    await startEligibilityReviews(getDb(), { cycleId: cycle.id, applicationIds: ids, actor })
    const shown = new URL(request.url).searchParams.get('cycle')
    const back = `/admin?status=eligibilityReview${shown ? `&cycle=${encodeURIComponent(shown)}` : ''}`
    return redirectWithFlash(request, back, 'flash.reviewsStarted')
  } catch (error) {
    return inPanel(workflowFailure(error), 'bulk')
  }
}

export default function AdminDesk() {
  const {
    cycle,
    applications,
    page,
    counts,
    pipeline,
    categories,
    filter,
    category,
    search,
    expertsMissing,
    sort,
    cycleEmpty,
    current,
    cycles,
    cycleQuery,
    savedFilters,
    columns,
  } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const [params] = useSearchParams()
  const total = Object.values(counts).reduce((a, b) => a + b, 0)
  const lists = useListLinks<HTMLElement>()
  const bulkForm = useRef<HTMLFormElement>(null)
  const shows = (column: ListColumn<'desk'>) => columns.includes(column)
  const { count: ticked, all: allTicked, recount } = useTickedCount(bulkForm, 'applicationIds', applications)
  return (
    <section ref={lists}>
      <h1>
        {t('admin.heading')} · {localName(cycle, lang)}
      </h1>
      <CycleSwitch cycles={cycles} shown={cycle} current={current} />
      <ChartFigure
        id="pipeline"
        caption={t('chart.pipeline')}
        alt={t('chart.pipelineAlt')}
        src={`/admin/charts/pipeline.svg${cycleQuery ? `?${cycleQuery}` : ''}`}
        height={320}
        table={
          <CountsTable
            corner={t('chart.stage')}
            columns={pipeline.categories}
            rows={pipeline.stages.map((stage) => ({ key: stage.key, label: stage.name, counts: stage.counts }))}
          />
        }
      >
        <p>
          <Link to={`/admin/analytics${cycleQuery ? `?${cycleQuery}` : ''}`}>{t('analytics.link')} →</Link> ·{' '}
          <Link to={`/admin/objections${cycleQuery ? `?${cycleQuery}` : ''}`}>{t('objections.link')}</Link> ·{' '}
          <Link to="/admin/messages">{t('messages.link')}</Link>
        </p>
      </ChartFigure>
      <h2>{t('admin.byStatus')}</h2>
      <ul className="steps">
        <li className={filter === null ? 'current' : ''}>
          <ListLink to={listHref('/admin', params, { status: null })}>{`${t('admin.all')} (${total})`}</ListLink>
        </li>
        {applicationStatuses.map((status) => (
          <li key={status} className={params.get('status') === status ? 'current' : ''}>
            <ListLink to={listHref('/admin', params, { status })}>
              {`${t(`status.${status}`)} (${counts[status] ?? 0})`}
            </ListLink>
          </li>
        ))}
      </ul>
      <Form method="get" className="actions" role="search">
        {filter ? <input type="hidden" name="status" value={filter} /> : null}
        {sort !== 'id' ? <input type="hidden" name="sort" value={sort} /> : null}
        <label>
          {t('admin.search')}
          <input type="search" name="q" defaultValue={search} />
        </label>
        <label>
          {t('applicant.category')}
          <select name="category" defaultValue={category ?? ''}>
            <option value="">{t('admin.all')}</option>
            {categories.map((c) => (
              <option key={c.code} value={c.code}>
                {localName(c, lang)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="secondary">
          {t('admin.searchButton')}
        </button>
      </Form>
      <div data-testid="saved-filters">
        <PanelError panel="filters" />
        {savedFilters.length > 0 ? (
          <div className="actions">
            <span>{t('filters.saved')}:</span>
            {savedFilters.map((saved) => (
              <span key={saved.id} className="chip">
                <Link to={`/admin?${saved.query}`}>{saved.name}</Link>
                <Form method="post" className="inline">
                  <CsrfInput />
                  <input type="hidden" name="id" value={saved.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="deleteFilter"
                    className="secondary small"
                    aria-label={t('filters.delete', { name: saved.name })}
                  >
                    ×
                  </button>
                </Form>
              </span>
            ))}
          </div>
        ) : null}
        {filter || category || search || sort !== 'id' ? (
          <Form method="post" className="actions">
            <CsrfInput />
            <label>
              {t('filters.saveAs')}
              <input name="filterName" maxLength={40} />
            </label>
            <button type="submit" name="intent" value="saveFilter" className="secondary">
              {t('filters.save')}
            </button>
          </Form>
        ) : null}
      </div>
      <ColumnChoice list="desk" chosen={columns} />
      <p>
        <a
          href={`/admin/applications.xlsx?${new URLSearchParams({ ...(filter ? { status: filter } : {}), ...(category ? { category } : {}), ...(search ? { q: search } : {}), ...(cycleQuery ? { cycle: String(cycle.id) } : {}) }).toString()}`}
          download
        >
          {t('admin.exportList')}
        </a>
      </p>
      <nav className="actions" aria-label={t('admin.sortBy')} data-testid="desk-sort">
        <span>{t('admin.sortBy')}:</span>
        {(['id', 'score', 'progress'] as const).map((order) =>
          order === sort ? (
            <strong key={order} aria-current="true">
              {t(`admin.sort.${order}`)}
            </strong>
          ) : (
            <ListLink key={order} to={listHref('/admin', params, { sort: order === 'id' ? null : order })}>
              {t(`admin.sort.${order}`)}
            </ListLink>
          ),
        )}
      </nav>
      <p className="guide" data-testid="desk-page">
        {page.total > 0 ? t('admin.pageRange', { from: page.from, to: page.to, total: page.total }) : null}
      </p>
      {page.total === 0 ? (
        <div className="card" data-testid="desk-empty">
          {cycleEmpty ? (
            <p>{t('admin.cycleEmpty')}</p>
          ) : (
            <p>
              {t('admin.noneFound')} <Link to="/admin">{t('admin.clearFilters')}</Link>
            </p>
          )}
        </div>
      ) : null}
      <div className="scroll">
        {/* Submitted applications can be taken into eligibility review together: tick them, then one button. */}
        <Form method="post" id="bulk" ref={bulkForm} onChange={recount}>
          <CsrfInput />
          <PanelError panel="bulk" />
          <table>
            <thead>
              <tr>
                {filter === 'submitted' ? (
                  <th>
                    {ticked === null ? (
                      <span className="visually-hidden">{t('admin.choose')}</span>
                    ) : (
                      <TickAll form={bulkForm} name="applicationIds" all={allTicked} onChange={recount} />
                    )}
                  </th>
                ) : null}
                <th>{t('application.number')}</th>
                <th>{t('application.organisation')}</th>
                {shows('category') ? <th>{t('applicant.category')}</th> : null}
                <th>{t('applicant.status')}</th>
                {shows('score') ? <th className="num">{t('admin.score')}</th> : null}
                {shows('sheets') ? <th className="num">{t('admin.sheetsIn')}</th> : null}
                {shows('updated') ? <th>{t('applicant.updated')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {applications.map((a) => (
                <tr key={a.id}>
                  {filter === 'submitted' ? (
                    <td>
                      <input
                        type="checkbox"
                        name="applicationIds"
                        value={a.id}
                        aria-label={`${t('admin.choose')} ${a.organisation_name}`}
                      />
                    </td>
                  ) : null}
                  <td className="nowrap">{applicationNumber(cycle.year, a.id)}</td>
                  <td>
                    <ListLink to={`/admin/applications/${a.id}`}>{a.organisation_name}</ListLink>
                  </td>
                  {shows('category') ? (
                    <td>
                      {(() => {
                        const category = categories.find((c) => c.code === a.category_code)
                        return category ? localName(category, lang) : ''
                      })()}
                    </td>
                  ) : null}
                  <td>
                    <StatusBadge status={a.status} />
                    {expertsMissing[a.id] ? (
                      <small className="error" data-testid="experts-missing">
                        {' '}
                        {t('draw.short', { count: expertsMissing[a.id]! })}
                      </small>
                    ) : null}
                    {a.status === 'returned' && a.correction_due_date ? (
                      <small className="guide" data-testid="correction-due">
                        {' '}
                        {t('admin.correctionDueOn', { date: formatDay(a.correction_due_date, lang) })}
                      </small>
                    ) : null}
                  </td>
                  {shows('score') ? <td className="num">{a.score ?? ''}</td> : null}
                  {shows('sheets') ? <td className="num">{a.progress ?? ''}</td> : null}
                  {shows('updated') ? <td>{formatDateTime(a.updated_at, lang)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
          {filter === 'submitted' && applications.length > 0 ? (
            <div className="actions">
              {ticked === null ? (
                <button type="submit" name="intent" value="startReviews">
                  {t('admin.startReviews')}
                </button>
              ) : (
                <ConfirmButton
                  name="intent"
                  value="startReviews"
                  disabled={ticked === 0}
                  confirm={t('confirm.startReviews', { count: ticked })}
                >
                  {t('admin.startReviewsCount', { count: ticked })}
                </ConfirmButton>
              )}
            </div>
          ) : null}
        </Form>
      </div>
      <nav className="actions" aria-label={t('admin.pages')}>
        {page.previous ? (
          <ListLink rel="prev" to={listHref('/admin', params, { before: page.previous })}>
            {t('admin.previousPage', { size: page.size })}
          </ListLink>
        ) : null}
        {page.next ? (
          <ListLink rel="next" to={listHref('/admin', params, { after: page.next })}>
            {t('admin.nextPage', { size: page.size })}
          </ListLink>
        ) : null}
      </nav>
    </section>
  )
}
