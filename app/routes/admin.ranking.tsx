import { postedInteger } from '~/forms/form-data'
import { Fragment, useRef } from 'react'
import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node'
import { ConfirmButton } from '~/components/confirm-button'
import { useTickedCount } from '~/components/bulk-selection'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { cycleAwardLevels, cycleCategories } from '~/utils/cycle-reference.server'
import { decidedNotYetOnNotice, undecidedBlockingPublication } from '#workflows/cycle/cycle.rules'
import { officialCalendar } from '#workflows/cycle/calendar.server'
import { approveResults, publishResults, startPublicNotice } from '#workflows/cycle/cycle.server'
import { shortlistCategory } from '#workflows/review/shortlist.server'
import { expectedShortlist, shortlistPlacesLeft } from '#workflows/review/shortlist'
import type { ApplicationStatus } from '#workflows/application/application.machine'
import { statusFacts } from '#workflows/application/status-facts'
import { noticePeriod } from '#workflows/cycle/notice'
import { formatPoints } from '#workflows/review/scoring'
import { cycleRanking, decidedPerCategory } from '#workflows/review/standings.server'
import { carriesDecision } from '#workflows/application/application.queries'
import { cycleWeights } from '#workflows/stages/stage-scores'
import { CsrfInput } from '~/components/csrf-input'
import { FormError } from '~/components/form-error'
import { ListLink, useListLinks } from '~/components/list-link'
import { StatusBadge } from '~/components/status-badge'
import { useLang, useT } from '~/hooks/use-i18n'
import { localName } from '~/i18n'
import { flushOutboxSoon } from '~/utils/email.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { formatDateTime, formatDay } from '~/utils/format'
import { httpError, inPanel, workflowFailure } from '~/utils/http.server'
import { Field } from '~/components/field'
import { PanelError, usePanelFieldError, usePanelFocus } from '~/components/panel-error'
import { readForm } from '~/utils/request.server'
import { requireUser } from '~/utils/session.server'
import { cycleStatusCounts } from '~/utils/cycle-counts.server'
import { cycleQueryOf, requireCycleView } from '~/utils/current-cycle.server'
import { listCycleNames } from '#db/repositories/cycles'
import { CycleSwitch } from '~/components/cycle-switch'
import { awardNow } from '#workflows/time'
import { signedInPage } from '~/utils/public-page'

/** Kept for a session while the database is unchanged (app/page-cache.mjs): the loader only reads. */
export const handle = signedInPage

/** Rows of a category shown at once; the rest a link away (the exports carry them all). */
const rankingPageSize = 50

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, 'admin')
  const params = new URL(request.url).searchParams
  const pagedCategory = params.get('category')
  const from = Math.max(0, Math.floor(Number(params.get('from')) || 0))
  const db = getDb()
  // The current cycle, or an earlier one asked for (?cycle=).
  const [{ cycle, current, cycleQuery }, cycles] = await Promise.all([requireCycleView(request), listCycleNames(db)])
  const [categories, levels, ranking, counts, calendar] = await Promise.all([
    cycleCategories(db, cycle.id),
    cycleAwardLevels(db, cycle.id),
    cycleRanking(db, cycle.id),
    cycleStatusCounts(db, cycle.id),
    officialCalendar(db),
  ])
  // One category at a time (the one asked for, else the first with entries): the secretariat decides category by
  // category, and the others are a tab away with their counts.
  const withEntries = categories.filter((c) => (ranking.get(c.code)?.length ?? 0) > 0)
  const selected = (withEntries.find((c) => c.code === pagedCategory) ?? withEntries[0])?.code ?? null
  return json({
    selected,
    current: { id: current.id, name_zh: current.name_zh, name_en: current.name_en },
    cycles,
    // Links and forms of the page name the cycle when it is not the current one.
    cycleQuery,
    cycle: {
      name_zh: cycle.name_zh,
      name_en: cycle.name_en,
      id: cycle.id,
      year: cycle.year,
      version: cycle.version,
      publishedAt: cycle.results_published_at,
      noticeDays: cycle.notice_working_days,
      aggregation: cycle.aggregation,
      normalised: cycle.normalise_reviewers === 1,
      approvalDocument: cycle.approval_document,
      approvedOn: cycle.approved_on,
      shortlistSize: cycle.shortlist_size,
      weights: cycleWeights(cycle),
    },
    approved: counts.approved ?? 0,
    undecided: undecidedBlockingPublication(counts),
    awaitingNotice: decidedNotYetOnNotice(counts),
    onNotice: counts.publicNotice ?? 0,
    // A notice started now would run into these years, whose holiday calendar is not known.
    noticeUnknownYears: noticePeriod(awardNow().toISOString(), cycle.notice_working_days, calendar).unknownYears,
    categories: categories.map((category) => {
      const all = ranking.get(category.code) ?? []
      const shown = category.code === selected
      // The other categories carry their counts only.
      const ranked = shown ? all : []
      const start = shown && category.code === pagedCategory ? from : 0
      return {
        code: category.code,
        name_zh: category.name_zh,
        name_en: category.name_en,
        levels: levels
          .filter((l) => l.category_code === category.code)
          .map((l) => ({ id: l.id, name_zh: l.name_zh, name_en: l.name_en, quota: l.quota })),
        total: all.length,
        decided: decidedPerCategory(ranking).get(category.code) ?? 0,
        from: start,
        size: rankingPageSize,
        // The places of the category (levels within the quota): the line below the last rank that can be awarded.
        places: levels
          .filter((l) => l.category_code === category.code && l.outside_quota === 0 && l.award_type === 'organisation')
          .reduce((sum, l) => sum + l.quota, 0),
        // Entries holding a shortlist place from an earlier round: the places left are the number less these.
        alreadyShortlisted: all.filter((entry) => statusFacts[entry.status as ApplicationStatus].holdsShortlistPlace)
          .length,
        // The shortlist is chosen from the top: its number and a margin below it, for a departure with its reason.
        candidates: ranked
          .filter((entry) => entry.status === 'scored')
          .slice(0, (cycle.shortlist_size ?? 0) + 20)
          .map((entry) => ({
            applicationId: entry.applicationId,
            rank: entry.rank,
            organisationName: entry.organisationName,
            totalText: formatPoints(entry.total),
          })),
        // What the table shows, and nothing else: 50 rows of the full ranking entry were half the page's data.
        ranked: ranked.slice(start, start + rankingPageSize).map((entry) => ({
          applicationId: entry.applicationId,
          rank: entry.rank,
          organisationName: entry.organisationName,
          status: entry.status,
          consensus: entry.consensus,
          decisionReason: entry.decisionReason,
          totalText: formatPoints(entry.total),
          resultsText: formatPoints(entry.results),
          leadershipText: formatPoints(entry.leadership),
          levelId: entry.decisionLevelId,
          decided: carriesDecision(entry.status),
          terms: entry.terms
            ? {
                document: formatPoints(entry.terms.document.total),
                defence: formatPoints(entry.terms.defence.total),
                siteVisit: formatPoints(entry.terms.siteVisit.total),
                final: formatPoints(entry.terms.final.total),
              }
            : null,
        })),
      }
    }),
  })
}

/** Back to the ranking of the cycle the form was about. */
async function rankingHref(form: URLSearchParams, anchor = ''): Promise<string> {
  const shown = await cycleQueryOf(postedInteger(form, 'cycleId'))
  return `/admin/ranking${shown ? `?${shown}` : ''}${anchor}`
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireUser(request, 'admin')
  const form = await readForm(request)
  const intent = form.get('intent')
  if (intent !== 'publish' && intent !== 'startNotice' && intent !== 'approve' && intent !== 'shortlist')
    return httpError(400, 'errors.notAllowedNow')
  try {
    if (intent === 'shortlist') {
      const categoryCode = form.get('categoryCode') ?? ''
      try {
        await shortlistCategory(getDb(), {
          cycleId: postedInteger(form, 'cycleId'),
          categoryCode,
          shortlisted: form.getAll('shortlisted').map(Number).filter(Number.isSafeInteger),
          reason: form.get('reason') ?? '',
          actor,
        })
      } catch (error) {
        return inPanel(workflowFailure(error), `shortlist-${categoryCode.replace(/[^a-zA-Z0-9_-]/g, '')}`)
      }
      flushOutboxSoon()
      const shown = await cycleQueryOf(postedInteger(form, 'cycleId'))
      return redirectWithFlash(
        request,
        `/admin/ranking?category=${encodeURIComponent(categoryCode)}${shown ? `&${shown}` : ''}#category-${categoryCode.replace(/[^a-zA-Z0-9_-]/g, '')}`,
        'flash.shortlisted',
      )
    }
    if (intent === 'approve') {
      await approveResults(getDb(), {
        cycleId: postedInteger(form, 'cycleId'),
        actor,
        expectedVersion: postedInteger(form, 'version'),
        documentNumber: form.get('documentNumber') ?? '',
        approvedOn: form.get('approvedOn') ?? '',
      })
      return redirectWithFlash(request, await rankingHref(form, '#publication'), 'flash.resultsApproved')
    }
    if (intent === 'startNotice') {
      await startPublicNotice(getDb(), { cycleId: postedInteger(form, 'cycleId'), actor })
      flushOutboxSoon()
      return redirectWithFlash(request, await rankingHref(form), 'flash.noticeStarted')
    }
    await publishResults(getDb(), {
      cycleId: postedInteger(form, 'cycleId'),
      actor,
      expectedVersion: postedInteger(form, 'version'),
    })
    flushOutboxSoon()
    return redirectWithFlash(request, await rankingHref(form), 'flash.resultsPublished')
  } catch (error) {
    return intent === 'approve' ? inPanel(workflowFailure(error), 'approval-form') : workflowFailure(error)
  }
}

export default function Ranking() {
  const {
    cycle,
    categories,
    selected,
    undecided,
    awaitingNotice,
    onNotice,
    approved,
    noticeUnknownYears,
    current,
    cycles,
    cycleQuery,
  } = useLoaderData<typeof loader>()
  const andCycle = cycleQuery ? `&${cycleQuery}` : ''
  const t = useT()
  const lang = useLang()
  usePanelFocus()
  const fieldError = usePanelFieldError('approval-form')
  const anyConsensus = categories.some((category) => category.ranked.some((entry) => entry.consensus !== 'none'))
  const consensusLabel = (flag: string) =>
    flag === 'outsideThreshold' ? t('consensus.flagOutside') : flag === 'recorded' ? t('consensus.flagRecorded') : ''
  const lists = useListLinks<HTMLElement>()
  return (
    <section ref={lists}>
      <h1>
        {t('admin.ranking')} · {localName(cycle, lang)}
      </h1>
      <CycleSwitch cycles={cycles} shown={cycle} current={current} />
      <p>
        <a href={`/admin/ranking.xlsx${cycleQuery ? `?${cycleQuery}` : ''}`} download>
          {t('admin.downloadXlsx')}
        </a>{' '}
        ·{' '}
        <a href={`/admin/ranking.csv${cycleQuery ? `?${cycleQuery}` : ''}`} download>
          {t('admin.downloadCsv')}
        </a>
      </p>
      <FormError />
      <p className="guide" data-testid="method">
        {t('ranking.method', { method: t(`aggregation.${cycle.aggregation}` as 'aggregation.mean') })}
        {cycle.normalised ? ` ${t('ranking.normalised')}` : ''}
        {cycle.normalised && anyConsensus ? ` ${t('ranking.consensusRaw')}` : ''}
        {cycle.shortlistSize !== null ? ` ${t('ranking.finalMethod', cycle.weights)}` : ''}
      </p>
      {categories.some((category) => category.total > 0) ? (
        <nav className="tabs" aria-label={t('ranking.categories')} data-testid="ranking-tabs">
          {categories
            .filter((category) => category.total > 0)
            .map((category) =>
              category.code === selected ? (
                <strong key={category.code} aria-current="page">
                  {t('ranking.tab', {
                    name: localName(category, lang),
                    total: category.total,
                    decided: category.decided,
                  })}
                </strong>
              ) : (
                <ListLink key={category.code} to={`/admin/ranking?category=${category.code}${andCycle}`}>
                  {t('ranking.tab', {
                    name: localName(category, lang),
                    total: category.total,
                    decided: category.decided,
                  })}
                </ListLink>
              ),
            )}
        </nav>
      ) : (
        <p className="card">{t('ranking.empty')}</p>
      )}
      {categories
        .filter((category) => category.code === selected)
        .map((category) => (
          <article key={category.code} className="card" id={`category-${category.code}`}>
            <h2>{localName(category, lang)}</h2>
            <p className="guide">
              {category.levels.map((l) => `${localName(l, lang)} ${t('admin.quota', { quota: l.quota })}`).join(' · ')}
            </p>
            <div className="scroll">
              <table>
                <thead>
                  <tr>
                    <th className="num">{t('admin.rank')}</th>
                    <th>{t('application.organisation')}</th>
                    <th className="num">{t('admin.meanTotal')}</th>
                    <th className="num">4.7</th>
                    <th className="num">4.1</th>
                    {cycle.shortlistSize !== null ? (
                      <>
                        <th className="num">{t('final.document')}</th>
                        <th className="num">{t('final.defence')}</th>
                        <th className="num">{t('final.siteVisit')}</th>
                        <th className="num">{t('final.final')}</th>
                      </>
                    ) : null}
                    <th>{t('applicant.status')}</th>
                    <th>{t('admin.decision')}</th>
                    <th>{t('admin.consensusColumn')}</th>
                    <th>{t('admin.reasonColumn')}</th>
                  </tr>
                </thead>
                <tbody>
                  {category.ranked.map((entry, index) => {
                    const level = category.levels.find((l) => l.id === entry.levelId)
                    // The quota line sits below the row whose position equals the category's places.
                    const lineAfter = category.from + index + 1 === category.places && category.places < category.total
                    return (
                      <Fragment key={entry.applicationId}>
                        <tr>
                          <td className="num">{entry.rank}</td>
                          <td>
                            <ListLink to={`/admin/applications/${entry.applicationId}`}>
                              {entry.organisationName}
                            </ListLink>
                          </td>
                          <td className="num">{entry.totalText}</td>
                          <td className="num">{entry.resultsText}</td>
                          <td className="num">{entry.leadershipText}</td>
                          {cycle.shortlistSize !== null ? (
                            <>
                              <td className="num">{entry.terms?.document ?? ''}</td>
                              <td className="num">{entry.terms?.defence ?? ''}</td>
                              <td className="num">{entry.terms?.siteVisit ?? ''}</td>
                              <td className="num">
                                <strong>{entry.terms?.final ?? ''}</strong>
                              </td>
                            </>
                          ) : null}
                          <td>
                            <StatusBadge status={entry.status} />
                          </td>
                          <td>{entry.decided ? (level ? localName(level, lang) : t('admin.notAwarded')) : ''}</td>
                          <td className={entry.consensus === 'outsideThreshold' ? 'warning' : undefined}>
                            {consensusLabel(entry.consensus)}
                          </td>
                          <td>{entry.decided ? (entry.decisionReason ?? '') : ''}</td>
                        </tr>
                        {lineAfter ? (
                          <tr className="quota-line" data-testid="quota-line">
                            <td colSpan={20}>{t('ranking.quotaLine', { places: category.places })}</td>
                          </tr>
                        ) : null}
                      </Fragment>
                    )
                  })}
                </tbody>
              </table>
            </div>
            <RankingPages category={category} andCycle={andCycle} />
            {cycle.shortlistSize !== null && category.candidates.length > 0 ? (
              <ShortlistForm cycleId={cycle.id} size={cycle.shortlistSize} category={category} />
            ) : null}
          </article>
        ))}
      {cycle.approvalDocument && cycle.approvedOn ? (
        <p className="flash" data-testid="approval">
          {t('approval.recorded', { document: cycle.approvalDocument, date: formatDay(cycle.approvedOn, lang) })}
        </p>
      ) : null}
      {!cycle.publishedAt && onNotice > 0 ? (
        <Form method="post" className="card" id="approval-form">
          <CsrfInput />
          <input type="hidden" name="cycleId" value={cycle.id} />
          <input type="hidden" name="version" value={cycle.version} />
          <h2>{t('approval.heading')}</h2>
          <PanelError panel="approval-form" />
          <p className="guide">{t('approval.hint')}</p>
          <div className="row">
            <Field id="documentNumber" label={t('approval.document')} error={fieldError('documentNumber')}>
              <input id="documentNumber" name="documentNumber" placeholder="深府函〔2026〕128号" required />
            </Field>
            <Field id="approvedOn" label={t('approval.date')} error={fieldError('approvedOn')}>
              <input id="approvedOn" name="approvedOn" type="date" required />
            </Field>
          </div>
          <div className="actions">
            <ConfirmButton name="intent" value="approve" confirm={t('confirm.approve', { count: onNotice })}>
              {t('approval.submit')}
            </ConfirmButton>
          </div>
        </Form>
      ) : null}
      {cycle.publishedAt ? (
        <p className="flash">{t('admin.published', { date: formatDateTime(cycle.publishedAt, lang) })}</p>
      ) : (
        <Form method="post" className="card" id="publication">
          <CsrfInput />
          <input type="hidden" name="cycleId" value={cycle.id} />
          <input type="hidden" name="version" value={cycle.version} />
          <p>{t('admin.noticeHint')}</p>
          <p>{t('admin.publishHint')}</p>
          {undecided > 0 ? <p className="alert">{t('errors.undecided', { count: undecided })}</p> : null}
          {noticeUnknownYears.length > 0 && awaitingNotice > 0 ? (
            <p className="alert">
              {t('calendar.unknownYears', { years: noticeUnknownYears.join('、') })}{' '}
              <Link to="/admin/calendar">{t('calendar.heading')}</Link>
            </p>
          ) : null}
          <div className="actions">
            <ConfirmButton
              name="intent"
              value="startNotice"
              confirm={t('confirm.startNotice', { days: cycle.noticeDays })}
              disabled={undecided > 0 || awaitingNotice === 0 || noticeUnknownYears.length > 0}
            >
              {t('admin.startNotice', { days: cycle.noticeDays })}
            </ConfirmButton>
            <ConfirmButton
              name="intent"
              value="publish"
              confirm={t('confirm.publish', { year: cycle.year })}
              disabled={undecided > 0 || awaitingNotice > 0 || onNotice > 0 || approved === 0}
            >
              {t('admin.publish', { year: cycle.year })}
            </ConfirmButton>
          </div>
        </Form>
      )}
    </section>
  )
}

type RankedCategory = ReturnType<typeof useLoaderData<typeof loader>>['categories'][number]

/** 入围: the category's scored applications, the top ones up to the cycle's number ticked; another choice needs a reason. */
/** Earlier and later ranks of a category, a page at a time, back to the same place on the page. */
function RankingPages({ category, andCycle }: { category: RankedCategory; andCycle: string }) {
  const t = useT()
  if (category.total <= category.size) return null
  const to = Math.min(category.from + category.size, category.total)
  return (
    <nav className="actions" aria-label={t('admin.pages')}>
      <span className="guide">{t('admin.pageRange', { from: category.from + 1, to, total: category.total })}</span>
      {category.from > 0 ? (
        <ListLink
          rel="prev"
          to={`/admin/ranking?category=${category.code}&from=${Math.max(0, category.from - category.size)}${andCycle}#category-${category.code}`}
        >
          {t('admin.previousPage', { size: category.size })}
        </ListLink>
      ) : null}
      {to < category.total ? (
        <ListLink
          rel="next"
          to={`/admin/ranking?category=${category.code}&from=${to}${andCycle}#category-${category.code}`}
        >
          {t('admin.nextPage', { size: category.size })}
        </ListLink>
      ) : null}
    </nav>
  )
}

function ShortlistForm({ cycleId, size, category }: { cycleId: number; size: number; category: RankedCategory }) {
  const t = useT()
  const lang = useLang()
  const scored = category.candidates
  const left = shortlistPlacesLeft(size, category.alreadyShortlisted)
  // Only the places left are ticked: an entry beyond the number is never offered as if it were within it.
  const suggested = expectedShortlist(scored, Math.min(left, scored.length))
  const panel = `shortlist-${category.code}`
  const fieldError = usePanelFieldError(panel)
  const form = useRef<HTMLFormElement>(null)
  // The confirmation names how many are ticked (issue 24), and how many are left out.
  const { count: ticked, recount } = useTickedCount(form, 'shortlisted', scored)
  return (
    <Form method="post" className="card" id={panel} data-testid={panel} ref={form} onChange={recount}>
      <CsrfInput />
      <input type="hidden" name="intent" value="shortlist" />
      <input type="hidden" name="cycleId" value={cycleId} />
      <input type="hidden" name="categoryCode" value={category.code} />
      <h3>{t('shortlist.heading', { category: localName(category, lang), size })}</h3>
      <PanelError panel={panel} />
      <p className="guide">
        {category.alreadyShortlisted > 0
          ? t('shortlist.hintLater', { already: category.alreadyShortlisted, left })
          : t('shortlist.hint', { size })}
      </p>
      <fieldset>
        {scored.map((entry) => (
          <label key={entry.applicationId} className="choice">
            <input
              type="checkbox"
              name="shortlisted"
              value={entry.applicationId}
              defaultChecked={suggested.includes(entry.applicationId)}
            />{' '}
            {entry.rank}. {entry.organisationName} · {entry.totalText}
          </label>
        ))}
      </fieldset>
      <Field
        id={`${panel}-reason`}
        label={t('shortlist.reason')}
        error={fieldError('reason') ?? fieldError('shortlisted')}
      >
        <textarea id={`${panel}-reason`} name="reason" rows={2} />
      </Field>
      <div className="actions">
        <ConfirmButton
          confirm={
            ticked === null
              ? t('confirm.shortlist', { category: localName(category, lang) })
              : t('confirm.shortlistCount', {
                  category: localName(category, lang),
                  count: ticked,
                  out: scored.length - ticked,
                })
          }
        >
          {t('shortlist.submit')}
        </ConfirmButton>
      </div>
    </Form>
  )
}
