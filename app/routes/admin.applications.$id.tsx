import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { getDb } from '#db/client.server'
import { getApplicationForSecretariat } from '#db/repositories/applications'
import { listAudit } from '#db/repositories/audit'
import { listAttachments } from '#db/repositories/attachments'
import { getCriteriaTree } from '#db/repositories/criteria'
import { getCycle, listAwardLevels, listCycleCategories } from '#db/repositories/cycles'
import { listAssignmentsOfApplication, listCommentsOfSheets, listItemScoresOfSheets, listSubmittedSheetsOfApplication } from '#db/repositories/review'
import { listReviewers } from '#db/repositories/users'
import { listObjectionsOfApplication } from '#db/repositories/objections'
import { resolveObjection } from '#workflows/objection/objection.server'
import { resolutionSchema } from '~/forms/objection'
import type { ApplicationEvent } from '#workflows/application/application.machine'
import { allows } from '#workflows/application/application.queries'
import { yearsSinceRegistration } from '#workflows/application/application.rules'
import { applyApplicationEvent, decideApplication } from '#workflows/application/application.server'
import { assignReviewer, recordConsensus } from '#workflows/review/review.server'
import { needsConsensus, suggestedPercentage, totalSpread } from '#workflows/review/consensus'
import { getConsensusRound } from '#db/repositories/consensus'
import { listCreditChecks } from '#db/repositories/credit-checks'
import { checkCredit, recordManualCreditCheck } from '#workflows/application/credit.server'
import { configuredCreditService } from '~/utils/credit-service.server'
import { isValidPercentage } from '#workflows/review/scoring'
import { acceptsReviewWork } from '#workflows/review/review.rules'
import { formatPoints } from '#workflows/review/scoring'
import { applicationStandings } from '#workflows/review/standings.server'
import { ApplicationSummary } from '~/components/application-summary'
import { CsrfInput } from '~/components/csrf-input'
import { PercentageOptions } from '~/components/percentage-options'
import { FormError } from '~/components/form-error'
import { SheetMatrix } from '~/components/sheet-matrix'
import { StatusBadge } from '~/components/status-badge'
import { Timeline } from '~/components/timeline'
import { reasonSchema } from '~/forms/application'
import { useLang, useT } from '~/hooks/use-i18n'
import { localName } from '~/i18n'
import { formatDateTime } from '~/utils/format'
import { draftValues } from '~/utils/application-draft.server'
import { flushOutboxSoon } from '~/utils/email.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { fieldErrors, httpError, workflowFailure } from '~/utils/http.server'
import { readForm } from '~/utils/request.server'
import { requireUser } from '~/utils/session.server'
import { parseForm } from '~/utils/validation.server'

async function load(request: Request, idParam: string | undefined) {
  const { actor } = await requireUser(request, 'admin')
  const id = Number(idParam)
  const db = getDb()
  const application = Number.isSafeInteger(id) ? await getApplicationForSecretariat(db, id) : undefined
  if (!application) throw httpError(404, 'errors.notFound')
  return { db, actor, application }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, application } = await load(request, params.id)
  const cycle = (await getCycle(db, application.cycle_id))!
  const [audit, categories, levels, assignments, reviewers, standing, tree] = await Promise.all([
    listAudit(db, 'application', application.id),
    listCycleCategories(db, cycle.id),
    listAwardLevels(db, cycle.id),
    listAssignmentsOfApplication(db, application.id),
    listReviewers(db),
    applicationStandings(db, application.id),
    getCriteriaTree(db, cycle.edition_id),
  ])
  const [sheets, objections] = await Promise.all([listSubmittedSheetsOfApplication(db, application.id), listObjectionsOfApplication(db, application.id)])
  const sheetIds = sheets.map((s) => s.id)
  const [scores, comments, consensusRound, creditChecks] = await Promise.all([
    listItemScoresOfSheets(db, sheetIds),
    listCommentsOfSheets(db, sheetIds),
    getConsensusRound(db, application.id),
    listCreditChecks(db, application.id),
  ])
  const items = tree.categories.flatMap((c) => c.items)
  const values = draftValues(application)
  const registrationDate = (values.profile as { registrationDate?: string }).registrationDate ?? ''
  const status = application.status
  return json({
    application: {
      id: application.id,
      version: application.version,
      status,
      organisationName: application.organisation_name,
      uscc: application.uscc,
      contactPerson: application.contact_person,
      phone: application.phone,
      email: application.organisation_email,
      categoryCode: application.category_code,
      awardType: application.award_type,
      decisionLevelId: application.decision_level_id,
      decisionReason: application.decision_reason,
    },
    values,
    yearsRegistered: /^\d{4}-\d{2}-\d{2}$/.test(registrationDate) ? yearsSinceRegistration(registrationDate, new Date().toISOString().slice(0, 10)) : null,
    audit,
    categories: categories.map((c) => ({ code: c.code, name_zh: c.name_zh, name_en: c.name_en })),
    criteria: tree.categories.map((c) => ({ code: c.code, name_zh: c.name_zh, name_en: c.name_en, points: c.points })),
    levels: levels.filter((l) => l.category_code === application.category_code),
    assignments,
    reviewers: reviewers.filter((r) => !assignments.some((a) => a.reviewer_id === r.id)),
    objections,
    attachments: await listAttachments(db, application.id),
    credit: { checks: creditChecks, serviceConfigured: configuredCreditService() !== null, open: status === 'eligibilityReview' },
    noticeEndsAt: application.notice_ends_at,
    consensus: {
      spread: formatPoints(totalSpread(standing.sheetTotals)),
      threshold: formatPoints(cycle.consensus_threshold),
      required: needsConsensus(standing.sheetTotals, cycle.consensus_threshold),
      round: consensusRound
        ? { total: standing.consensus === null ? '' : formatPoints(standing.consensus), by: consensusRound.recorder_name ?? '', at: consensusRound.recorded_at, note: consensusRound.note }
        : null,
      suggested: Object.fromEntries(items.map((item) => [item.id, suggestedPercentage(scores.filter((s) => s.item_id === item.id).map((s) => s.percentage))])),
      items: items.map((item) => ({ id: item.id, code: item.code, name_zh: item.name_zh, name_en: item.name_en, points: item.points })),
    },
    matrix: { sheets, scores, comments, tree: tree.categories, aggregation: cycle.aggregation },
    minReviewers: cycle.min_reviewers,
    published: cycle.results_published_at !== null,
    standing: { sheetTotals: standing.sheetTotals.map(formatPoints), score: standing.score === null ? null : formatPoints(standing.score) },
    can: {
      start: allows(status, { type: 'START_ELIGIBILITY_REVIEW' }),
      review: allows(status, { type: 'ACCEPT_ELIGIBILITY' }),
      assign: acceptsReviewWork(status),
      decide: allows(status, { type: 'DECIDE', awarded: true, needsConsensus: false, hasConsensus: false }),
    },
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, actor, application } = await load(request, params.id)
  const form = await readForm(request)
  const intent = form.get('intent')
  const expectedVersion = Number(form.get('version'))
  const back = `/admin/applications/${application.id}`
  try {
    if (intent === 'assign') {
      const reviewerId = Number(form.get('reviewerId'))
      if (!Number.isSafeInteger(reviewerId) || reviewerId <= 0) return fieldErrors({ reviewerId: 'errors.notReviewer' }, 'errors.notReviewer')
      await assignReviewer(db, { applicationId: application.id, reviewerId, actor })
      return redirectWithFlash(request, back, 'flash.done')
    }
    if (intent === 'creditQuery') {
      const service = configuredCreditService()
      if (!service) return httpError(409, 'errors.creditServiceDown')
      await checkCredit(db, { applicationId: application.id, actor, service })
      return redirectWithFlash(request, back, 'flash.done')
    }
    if (intent === 'creditManual') {
      const dishonest = form.get('dishonest')
      if (dishonest !== 'yes' && dishonest !== 'no') return fieldErrors({ dishonest: 'errors.choose' }, 'errors.choose')
      await recordManualCreditCheck(db, { applicationId: application.id, actor, dishonest: dishonest === 'yes', summary: form.get('summary') ?? '' })
      return redirectWithFlash(request, back, 'flash.done')
    }
    if (intent === 'consensus') {
      const scores = new Map<number, number>()
      for (const [name, value] of form) {
        if (!name.startsWith('consensus_')) continue
        const itemId = Number(name.slice('consensus_'.length))
        const percentage = /^\d{1,3}$/.test(value) ? Number(value) : Number.NaN
        if (!Number.isSafeInteger(itemId) || !isValidPercentage(percentage)) return httpError(400, 'errors.percentage')
        scores.set(itemId, percentage)
      }
      await recordConsensus(db, { applicationId: application.id, actor, scores, note: form.get('note') ?? '' })
      return redirectWithFlash(request, back, 'flash.done')
    }
    if (intent === 'resolveObjection') {
      const parsed = parseForm(resolutionSchema, form)
      if (!parsed.ok) return fieldErrors(parsed.errors)
      await resolveObjection(db, { objectionId: Number(form.get('objectionId')), actor, outcome: parsed.data.outcome, resolution: parsed.data.resolution })
      return redirectWithFlash(request, back, 'flash.done')
    }
    if (intent === 'decide') {
      const level = form.get('levelId')
      const levelId = level === 'none' ? null : Number(level)
      if (levelId !== null && !Number.isSafeInteger(levelId)) return fieldErrors({ levelId: 'errors.unknownLevel' }, 'errors.unknownLevel')
      await decideApplication(db, { applicationId: application.id, actor, expectedVersion, levelId, reason: form.get('reason') ?? '' })
      return redirectWithFlash(request, back, 'flash.done')
    }
    let event: ApplicationEvent
    if (intent === 'start') event = { type: 'START_ELIGIBILITY_REVIEW' }
    else if (intent === 'accept') event = { type: 'ACCEPT_ELIGIBILITY' }
    else if (intent === 'return' || intent === 'reject') {
      const parsed = parseForm(reasonSchema, form)
      if (!parsed.ok) return fieldErrors(parsed.errors)
      event = intent === 'return' ? { type: 'RETURN_FOR_CORRECTION', reason: parsed.data.reason } : { type: 'REJECT_INELIGIBLE', reason: parsed.data.reason }
    } else return httpError(400, 'errors.notAllowedNow')
    await applyApplicationEvent(db, { applicationId: application.id, actor, event, expectedVersion })
    flushOutboxSoon(request)
    return redirectWithFlash(request, back, 'flash.done')
  } catch (error) {
    return workflowFailure(error)
  }
}

function ActionForm({ version, children, className }: { version: number; children: ReactNode; className?: string }) {
  return (
    <Form method="post" className={className}>
      <CsrfInput />
      <input type="hidden" name="version" value={version} />
      {children}
    </Form>
  )
}

export default function AdminApplication() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const { application: app } = data
  const category = data.categories.find((c) => c.code === app.categoryCode)
  const active = data.assignments.filter((a) => !a.recused_at)
  const allIn = active.length > 0 && active.every((a) => a.sheet_status === 'submitted')
  return (
    <section>
      <h1>
        #{app.id} {app.organisationName}
      </h1>
      <FormError />
      <p>
        <StatusBadge status={app.status} /> {category ? ` · ${localName(category, lang)}` : ''}
        {app.awardType ? ` · ${t(`awardType.${app.awardType}`)}` : ''}
      </p>
      <div className="card">
        <dl className="summary">
          <dt>{t('auth.uscc')}</dt><dd>{app.uscc}</dd>
          <dt>{t('auth.contactPerson')}</dt><dd>{app.contactPerson} · {app.phone} · {app.email}</dd>
          <dt>{t('profile.registrationDate')}</dt>
          <dd>
            {(data.values.profile as { registrationDate?: string }).registrationDate}
            {data.yearsRegistered !== null ? ` · ${t('profile.yearsRegistered', { years: data.yearsRegistered })}` : ''}
            {data.yearsRegistered !== null && data.yearsRegistered < 3 ? <strong className="error"> {t('profile.lessThanThree')}</strong> : null}
          </dd>
        </dl>
      </div>

      <div className="card">
        <h2>{t('admin.eligibility')}</h2>
        <ApplicationSummary values={data.values} categories={data.categories} criteria={data.criteria} attachments={data.attachments} />
        <section data-testid="credit">
          <h3>{t('credit.heading')}</h3>
          {data.credit.checks.length === 0 ? <p>{t('credit.none')}</p> : null}
          <ul>
            {data.credit.checks.map((check) => (
              <li key={check.id} className={check.dishonest ? 'error' : ''}>
                {formatDateTime(check.checked_at, lang)} · {t(`credit.source.${check.source}`)} · {check.checker_name} ·{' '}
                <strong>{check.dishonest ? t('credit.dishonest') : t('credit.clean')}</strong> · {check.summary}
              </li>
            ))}
          </ul>
          {data.credit.open && data.credit.serviceConfigured ? (
            <ActionForm version={app.version} className="actions">
              <button type="submit" name="intent" value="creditQuery" className="secondary">
                {t('credit.query')}
              </button>
            </ActionForm>
          ) : null}
          {data.credit.open ? (
            <details>
              <summary>{t('credit.manual')}</summary>
              <ActionForm version={app.version} className="actions">
                <label className="inline">
                  <input type="radio" name="dishonest" value="no" required /> {t('credit.clean')}
                </label>
                <label className="inline">
                  <input type="radio" name="dishonest" value="yes" /> {t('credit.dishonest')}
                </label>
                <label>
                  {t('credit.summary')}
                  <textarea name="summary" rows={2} required />
                </label>
                <button type="submit" name="intent" value="creditManual" className="secondary">
                  {t('credit.save')}
                </button>
              </ActionForm>
            </details>
          ) : null}
        </section>
        {data.can.start ? (
          <ActionForm version={app.version} className="actions">
            <button type="submit" name="intent" value="start">{t('admin.startReview')}</button>
          </ActionForm>
        ) : null}
        {data.can.review ? (
          <>
            <ActionForm version={app.version} className="actions">
              <button type="submit" name="intent" value="accept">{t('admin.accept')}</button>
            </ActionForm>
            <ActionForm version={app.version} className="actions">
              <label>
                {t('admin.reason')}
                <textarea name="reason" rows={2} required />
              </label>
              <button type="submit" name="intent" value="return" className="secondary">{t('admin.returnForCorrection')}</button>
              <button type="submit" name="intent" value="reject" className="secondary">{t('admin.reject')}</button>
            </ActionForm>
          </>
        ) : null}
      </div>

      <div className="card">
        <h2>{t('admin.assignments')}</h2>
        <p>{t('admin.minReviewers', { count: data.minReviewers })}</p>
        <table data-testid="assignments">
          <thead>
            <tr>
              <th>{t('admin.reviewer')}</th>
              <th>{t('review.sheet')}</th>
            </tr>
          </thead>
          <tbody>
            {data.assignments.map((a) => (
              <tr key={a.id}>
                <td>{a.reviewer_name}</td>
                <td>{a.recused_at ? t('admin.recused', { reason: a.recusal_reason ?? '' }) : t(`review.sheetStatus.${a.sheet_status ?? 'none'}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {data.can.assign && data.reviewers.length > 0 ? (
          <ActionForm version={app.version} className="actions">
            <label>
              {t('admin.reviewer')}
              <select name="reviewerId" aria-label={t('admin.reviewer')}>
                {data.reviewers.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.display_name} · {r.expertise ?? ''}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" name="intent" value="assign">{t('admin.assign')}</button>
          </ActionForm>
        ) : null}
      </div>

      <div className="card">
        <h2>{t('admin.sheets')}</h2>
        <p>{t('admin.awaitingSheets', { submitted: data.standing.sheetTotals.length, assigned: active.length })}</p>
        {data.matrix.sheets.length > 0 ? <SheetMatrix data={data.matrix} /> : null}
        {allIn && data.standing.score ? (
          <p>
            {t('admin.meanTotal')}: <strong data-testid="mean-total">{data.standing.score}</strong>
          </p>
        ) : null}
      </div>

      {data.matrix.sheets.length > 1 ? (
        <div className="card" data-testid="consensus">
          <h2>{t('consensus.heading')}</h2>
          <p>{t('consensus.spread', { spread: data.consensus.spread, threshold: data.consensus.threshold })}</p>
          {data.consensus.round ? (
            <p className="flash">
              {t('consensus.recorded', { total: data.consensus.round.total, by: data.consensus.round.by, when: formatDateTime(data.consensus.round.at, lang), note: data.consensus.round.note })}
            </p>
          ) : data.consensus.required ? (
            <p className="alert">{t('consensus.required')}</p>
          ) : null}
          {app.status === 'scored' && (data.consensus.required || data.consensus.round) ? (
            <ActionForm version={app.version}>
              <p className="guide">{t('consensus.suggested')}</p>
              <table>
                <tbody>
                  {data.consensus.items.map((item) => (
                    <tr key={item.id}>
                      <td>
                        <label htmlFor={`consensus_${item.id}`}>
                          {item.code} {localName(item, lang)} ({item.points})
                        </label>
                      </td>
                      <td>
                        <select id={`consensus_${item.id}`} name={`consensus_${item.id}`} defaultValue={String(data.consensus.suggested[item.id] ?? '')} required>
                          <PercentageOptions />
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <label>
                {t('consensus.note')}
                <textarea name="note" rows={2} required />
              </label>
              <div className="actions">
                <button type="submit" name="intent" value="consensus">
                  {t('consensus.save')}
                </button>
              </div>
            </ActionForm>
          ) : null}
        </div>
      ) : null}

      {data.can.decide ? (
        <div className="card">
          <h2>{t('admin.decision')}</h2>
          <ActionForm version={app.version} className="actions">
            <label>
              {t('admin.level')}
              <select name="levelId" defaultValue={app.decisionLevelId ?? 'none'}>
                {data.levels.map((level) => (
                  <option key={level.id} value={level.id}>
                    {localName(level, lang)}
                  </option>
                ))}
                <option value="none">{t('admin.notAwarded')}</option>
              </select>
            </label>
            <label>
              {t('admin.decisionReason')}
              <textarea name="reason" rows={2} defaultValue={app.decisionReason ?? ''} />
            </label>
            <button type="submit" name="intent" value="decide">{t('admin.decide')}</button>
          </ActionForm>
        </div>
      ) : null}

      {data.objections.length > 0 ? (
        <div className="card">
          <h2>{t('objection.heading')}</h2>
          {data.objections.map((objection) => (
            <article key={objection.id} className="card" data-testid="objection">
              <p>
                <strong>{t(`objection.status.${objection.status}`)}</strong> · {formatDateTime(objection.filed_at, lang)} · {t('objection.filedBy')}{' '}
                {objection.objector_name}
                {objection.objector_organisation ? `（${objection.objector_organisation}）` : ''} · {objection.objector_phone} · {objection.objector_email}
              </p>
              <pre className="text">{objection.content}</pre>
              <p className="guide">{objection.evidence}</p>
              {objection.status === 'open' ? (
                <ActionForm version={app.version} className="actions">
                  <input type="hidden" name="objectionId" value={objection.id} />
                  <label>
                    {t('objection.resolution')}
                    <textarea name="resolution" rows={2} required />
                  </label>
                  <button type="submit" name="outcome" value="dismissed" className="secondary">
                    {t('objection.dismiss')}
                  </button>
                  <button type="submit" name="outcome" value="upheld" className="secondary">
                    {t('objection.uphold')}
                  </button>
                  <input type="hidden" name="intent" value="resolveObjection" />
                </ActionForm>
              ) : (
                <p>
                  {t('objection.resolution')}: {objection.resolution} · {objection.resolver_name} · {objection.resolved_at ? formatDateTime(objection.resolved_at, lang) : ''}
                </p>
              )}
            </article>
          ))}
        </div>
      ) : null}

      <h2>{t('application.timeline')}</h2>
      <Timeline entries={data.audit} showActor />
    </section>
  )
}
