import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { listHref, Pager } from '~/components/pager'
import { getDb } from '#db/client.server'
import { getCurrentCycle } from '#db/repositories/cycles'
import {
  type ExpertCursor,
  type ExpertRatingFilter,
  type ExpertSort,
  expertPageSize,
  expertSorts,
  expertsPage,
} from '#db/repositories/experts'
import { lastRatings } from '#db/repositories/performance'
import { idCursorOf, type Position, positionOf, positionText } from '#db/repositories/paging'
import { expertLoads } from '#db/repositories/review'
import { addExpert } from '#workflows/experts/pool.server'
import { InvitationForm } from '~/components/invitation-form'
import { ExpertFields } from '~/components/expert-fields'
import { FormError } from '~/components/form-error'
import { expertRecordOf, newExpertSchema } from '~/forms/expert'
import { useT } from '~/hooks/use-i18n'
import { flushOutboxSoon } from '~/utils/email.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { fieldErrors, inPanel, workflowFailure } from '~/utils/http.server'
import { readForm } from '~/utils/request.server'
import { requireUser } from '~/utils/session.server'
import { parseForm } from '~/utils/validation.server'

/** The pool's choices by last rating (评审员绩效), as the page offers them. */
const ratingFilters: Record<string, ExpertRatingFilter> = {
  atLeast4: { kind: 'atLeast', value: 4 },
  atLeast3: { kind: 'atLeast', value: 3 },
  below3: { kind: 'below', value: 3 },
  unrated: { kind: 'unrated' },
}

const cursorText = (sort: ExpertSort, position: Position) =>
  sort === 'id' ? String(position.id) : positionText(position)

import { ColumnChoice } from '~/components/column-choice'
import { chooseColumns, columnsOf } from '#workflows/account/list-columns.server'
import type { ListColumn } from '#workflows/account/list-columns'

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request, 'admin')
  const db = getDb()
  const cycle = await getCurrentCycle(db)
  const params = new URL(request.url).searchParams
  const search = (params.get('q') ?? '').trim().slice(0, 100)
  const rating = ratingFilters[params.get('rating') ?? ''] ?? null
  const sort = expertSorts.find((s) => s === params.get('sort')) ?? 'id'
  const cursor: ExpertCursor =
    sort === 'id'
      ? { sort, cursor: idCursorOf(params) }
      : { sort, cursor: { after: positionOf(params.get('after')), before: positionOf(params.get('before')) } }
  const [page, loads] = await Promise.all([
    expertsPage(db, { cursor, search: search || undefined, rating: rating ?? undefined }),
    cycle ? expertLoads(db, cycle.id) : Promise.resolve(new Map<number, number>()),
  ])
  const ratings = await lastRatings(db, { expertUserIds: page.rows.map((e) => e.user_id) })
  return json({
    experts: page.rows.map((e) => ({
      ...e,
      load: loads.get(e.user_id) ?? 0,
      lastRating: ratings.get(e.user_id) ?? null,
    })),
    rating: rating ? (params.get('rating') ?? '') : '',
    sort,
    page: {
      total: page.total,
      from: page.earlier + 1,
      to: page.earlier + page.rows.length,
      size: expertPageSize,
      // In number order the id alone; in a rating order the row's rating and id (`key:id`).
      previous: page.hasPrevious ? cursorText(sort, page.rows[0]!.position) : null,
      next: page.hasNext ? cursorText(sort, page.rows.at(-1)!.position) : null,
    },
    search,
    cap: cycle?.expert_load_cap ?? null,
    columns: await columnsOf(db, user.id, 'pool'),
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireUser(request, 'admin')
  const form = await readForm(request)
  if (form.get('intent') === 'columns') {
    // The columns this member of staff sees: kept for them, the pool shown again as it was.
    try {
      await chooseColumns(getDb(), { userId: actor.userId, list: 'pool', columns: form.getAll('columns') })
    } catch (error) {
      return inPanel(workflowFailure(error), 'columns')
    }
    return redirectWithFlash(request, `/admin/experts${new URL(request.url).search}`, 'flash.columnsSaved')
  }
  const parsed = parseForm(newExpertSchema, form)
  if (!parsed.ok) return fieldErrors(parsed.errors)
  try {
    const id = await addExpert(getDb(), {
      actor,
      name: parsed.data.name,
      email: parsed.data.email,
      record: expertRecordOf(parsed.data),
      relations: parsed.data.relations,
    })
    flushOutboxSoon()
    return redirectWithFlash(request, `/admin/experts/${id}`, 'flash.expertAdded')
  } catch (error) {
    return workflowFailure(error)
  }
}

/** 专家库: every expert with kind, fields, employer and this year's load; adding one sends them an invitation. */
export default function ExpertPool() {
  const { experts, cap, page, search, rating, sort, columns } = useLoaderData<typeof loader>()
  const shows = (column: ListColumn<'pool'>) => columns.includes(column)
  const [params] = useSearchParams()
  const answer = useActionData<{ fieldErrors?: Record<string, string> }>()
  const errors = answer?.fieldErrors ?? {}
  const t = useT()
  return (
    <section>
      <h1>{t('expert.pool')}</h1>
      <FormError />
      <p>
        <Link to="/admin/experts/import">{t('expert.import')}</Link> ·{' '}
        <a href="/admin/experts.xlsx" download>
          {t('expert.export')}
        </a>{' '}
        · <Link to="/admin/experts/progress">{t('progress.heading')}</Link>
      </p>
      <Form method="get" className="actions" role="search">
        <label>
          {t('expert.search')}
          <input type="search" name="q" defaultValue={search} />
        </label>
        <label>
          {t('expert.ratingFilter')}
          <select name="rating" defaultValue={rating}>
            <option value="">{t('admin.anyRating')}</option>
            <option value="atLeast4">{t('admin.ratingAtLeast', { rating: 4 })}</option>
            <option value="atLeast3">{t('admin.ratingAtLeast', { rating: 3 })}</option>
            <option value="below3">{t('expert.ratingBelow', { rating: 3 })}</option>
            <option value="unrated">{t('expert.unrated')}</option>
          </select>
        </label>
        <label>
          {t('expert.sortBy')}
          <select name="sort" defaultValue={sort}>
            <option value="id">{t('expert.sortById')}</option>
            <option value="ratingHigh">{t('expert.sortByRatingHigh')}</option>
            <option value="ratingLow">{t('expert.sortByRatingLow')}</option>
          </select>
        </label>
        <button type="submit" className="secondary">
          {t('admin.searchButton')}
        </button>
      </Form>
      {page.total === 0 ? (
        <p className="card">
          {search || rating ? (
            <>
              {t('expert.noneFound')} <Link to="/admin/experts">{t('admin.clearFilters')}</Link>
            </>
          ) : (
            t('expert.emptyPool')
          )}
        </p>
      ) : null}
      <ColumnChoice list="pool" chosen={columns} />
      <div className="scroll">
        <table data-testid="experts">
          <thead>
            <tr>
              <th>{t('admin.displayName')}</th>
              {shows('kind') ? <th>{t('expert.kind')}</th> : null}
              {shows('fields') ? <th>{t('expert.fields')}</th> : null}
              {shows('employer') ? <th>{t('expert.employerName')}</th> : null}
              {shows('load') ? <th className="num">{t('expert.load', { cap: cap ?? '—' })}</th> : null}
              {shows('rating') ? <th className="num">{t('expert.lastRating')}</th> : null}
              {shows('state') ? <th>{t('expert.state')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {experts.map((e) => (
              <tr key={e.id} className={e.active ? undefined : 'muted'}>
                <td>
                  <Link to={`/admin/experts/${e.id}`}>{e.display_name}</Link>
                  <div className="guide">{e.email}</div>
                </td>
                {shows('kind') ? <td>{t(`expert.kind.${e.kind}`)}</td> : null}
                {shows('fields') ? (
                  <td>
                    {e.fields}
                    {e.industries.length > 0 ? (
                      <div className="guide">
                        {e.industries.map((code) => t(`industry.${code}` as 'industry.other')).join('、')}
                      </div>
                    ) : null}
                  </td>
                ) : null}
                {shows('employer') ? <td>{e.employer_name || '—'}</td> : null}
                {shows('load') ? <td className="num">{e.load}</td> : null}
                {shows('rating') ? (
                  <td className="num" data-testid="last-rating">
                    {e.lastRating
                      ? t('expert.ratingOfYear', { rating: e.lastRating.rating, year: e.lastRating.year })
                      : '—'}
                  </td>
                ) : null}
                {shows('state') ? (
                  <td>
                    {e.active ? t('expert.activeState') : t('expert.inactiveState')}
                    {e.passwordSet ? '' : ` · ${t('expert.invitationPending')}`}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager
        page={page}
        previous={page.previous ? listHref('/admin/experts', params, { before: page.previous }) : null}
        next={page.next ? listHref('/admin/experts', params, { after: page.next }) : null}
      />
      <InvitationForm id="add" heading={t('expert.add')} hint={t('expert.addHint')} errors={errors}>
        <ExpertFields
          values={{
            kind: 'examiner',
            fields: '',
            industries: [],
            employerName: '',
            employerUscc: null,
            qualification: '',
            active: true,
            relations: [],
          }}
          errors={errors}
        />
        <div className="actions">
          <button type="submit">{t('expert.addAndInvite')}</button>
        </div>
      </InvitationForm>
    </section>
  )
}
