import { postedInteger } from '~/forms/form-data'
import { applicationNumber } from '#workflows/application/application-number'
import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import type { DB } from '#db/client.server'
import { requireApplicationForSecretariat } from '~/utils/application-access.server'
import { listAudit } from '#db/repositories/audit'
import { listAttachments } from '#db/repositories/attachments'
import { getCriteriaTree } from '#db/repositories/criteria'
import { getCycle } from '#db/repositories/cycles'
import { cycleAwardLevels, cycleCategories } from '~/utils/cycle-reference.server'
import {
  listAssignmentsOfApplication,
  listItemScoresOfSheets,
  listSubmittedSheetsOfApplication,
} from '#db/repositories/review'
import { listDrawsOfApplication } from '#db/repositories/experts'
import { isActiveAssignment } from '#workflows/review/assignment.machine'
import { drawForPage } from '~/utils/draw-record.server'
import { listObjectionEvidenceOfApplication, listObjectionsOfApplication } from '#db/repositories/objections'
import { resolveObjection } from '#workflows/objection/objection.server'
import { resolutionSchema } from '~/forms/objection'
import type { ApplicationEvent } from '#workflows/application/application.machine'
import type { Actor } from '#workflows/application/application.policy'
import type { ApplicationUpdate } from '#db/schema'
import { allows } from '#workflows/application/application.queries'
import { applicableConditions, yearsSinceRegistration } from '#workflows/application/application.rules'
import {
  applyApplicationEvent,
  decideApplication,
  eligibilityProblemsFrom,
} from '#workflows/application/application.server'
import { confirmEligibilityCondition } from '#workflows/application/eligibility.server'
import { listEligibilityConfirmations } from '#db/repositories/eligibility'
import { isShenzhenRegistered } from '#workflows/application/uscc'
import { assignmentCandidates } from '#workflows/review/assignment-candidates.server'
import { assignReviewer, drawForApplication, recordConsensus, removeAssignment } from '#workflows/review/review.server'
import { needsConsensus, suggestedPercentage, totalSpread } from '#workflows/review/consensus'
import { getConsensusRound, listConsensusAgreement } from '#db/repositories/consensus'
import { listCreditChecks } from '#db/repositories/credit-checks'
import { checkCredit, recordManualCreditCheck } from '#workflows/application/credit.server'
import { configuredCreditService } from '~/utils/credit-service.server'
import { isValidPercentage } from '#workflows/review/scoring'
import { acceptsReviewWork } from '#workflows/review/review.rules'
import { formatPoints } from '#workflows/review/scoring'
import { applicationStandings } from '#workflows/review/standings.server'
import { EligibilityPanel } from '~/components/admin-application/eligibility-panel'
import { AssignmentsPanel } from '~/components/admin-application/assignments-panel'
import { SheetsPanel } from '~/components/admin-application/sheets-panel'
import { StagesPanel } from '~/components/admin-application/stages-panel'
import { secondHalfForSecretariat } from '~/utils/stages-view.server'
import { defenceSlotSchema, siteVisitSchema } from '~/forms/stages'
import { scheduleDefence } from '#workflows/stages/defence.server'
import { scheduleSiteVisit } from '#workflows/stages/site-visit.server'
import { ConsensusPanel } from '~/components/admin-application/consensus-panel'
import { DecisionPanel } from '~/components/admin-application/decision-panel'
import { ObjectionsPanel } from '~/components/admin-application/objections-panel'
import { FormError } from '~/components/form-error'
import { usePanelFocus } from '~/components/panel-error'
import { StatusBadge } from '~/components/status-badge'
import { Timeline } from '~/components/timeline'
import {
  addDays,
  beijingToday,
  correctionSchema,
  countCharacters,
  reasonSchema,
} from '#workflows/application/application.schema'
import { useLang, useT } from '~/hooks/use-i18n'
import { localName, type MessageKey, keyOf } from '~/i18n'
import { draftValues, summaryHeadings } from '~/utils/application-draft.server'
import { flushOutboxSoon } from '~/utils/email.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { fieldErrors, httpError, inPanel, workflowFailure } from '~/utils/http.server'
import { listApplicationMessages } from '#db/repositories/application-messages'
import { postToThread } from '#workflows/application/thread.server'
import { MessageThread, threadMessages } from '~/components/message-thread'
import { readForm } from '~/utils/request.server'
import { parseForm } from '~/utils/validation.server'

const beforeSecondHalf = new Set([
  'draft',
  'submitted',
  'eligibilityReview',
  'returned',
  'ineligible',
  'documentReview',
  'scored',
  'notShortlisted',
])

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, application } = await requireApplicationForSecretariat(request, params.id)
  const cycle = (await getCycle(db, application.cycle_id))!
  const status = application.status
  const [
    audit,
    categories,
    levels,
    assignments,
    standing,
    tree,
    sheets,
    objections,
    objectionEvidence,
    draws,
    consensusRound,
    consensusAgreement,
    creditChecks,
    confirmations,
    attachments,
  ] = await Promise.all([
    listAudit(db, 'application', application.id),
    cycleCategories(db, cycle.id),
    cycleAwardLevels(db, cycle.id),
    listAssignmentsOfApplication(db, application.id),
    applicationStandings(db, application.id, cycle),
    getCriteriaTree(db, cycle.edition_id),
    listSubmittedSheetsOfApplication(db, application.id),
    listObjectionsOfApplication(db, application.id),
    listObjectionEvidenceOfApplication(db, application.id),
    listDrawsOfApplication(db, application.id),
    getConsensusRound(db, application.id),
    listConsensusAgreement(db, application.id),
    listCreditChecks(db, application.id),
    listEligibilityConfirmations(db, application.id),
    listAttachments(db, application.id),
  ])
  // The experts to pick from by hand, only where one can be added (100 names the page otherwise carries for
  // nothing), each with the load, conflicts and readiness a draw would weigh.
  const candidates = acceptsReviewWork(status)
    ? await assignmentCandidates(db, {
        applicationId: application.id,
        cycle,
        applicant: { name: application.organisation_name, uscc: application.uscc },
        assigned: new Set(assignments.map((a) => a.reviewer_id)),
        now: new Date().toISOString(),
      })
    : []
  const consensusRequired = needsConsensus(standing.sheetTotals, cycle.consensus_threshold)
  const consensusFormAsked = new URL(request.url).searchParams.get('consensus') === '1'
  // The consensus sheet (23 items, each suggested from the sheets' percentages) only where it is drawn.
  const consensusForm =
    status === 'scored' &&
    sheets.length > 1 &&
    (consensusRequired || consensusRound !== undefined || consensusFormAsked)
  const items = consensusForm ? tree.categories.flatMap((c) => c.items) : []
  const scores = consensusForm
    ? await listItemScoresOfSheets(
        db,
        sheets.map((s) => s.id),
      )
    : []
  const values = draftValues(application)
  const registrationDate = (values.profile as { registrationDate?: string }).registrationDate ?? ''
  // The second half's panel: from the shortlist on, and for any application that has had a slot.
  const stagesShown = cycle.shortlist_size !== null && !beforeSecondHalf.has(status)
  const problems = eligibilityProblemsFrom({
    awardType: application.award_type,
    profile: values.profile,
    uscc: application.uscc,
    usccExplanation: application.uscc_explanation,
    confirmations,
    creditChecks: creditChecks.length,
  })
  return json({
    thread: threadMessages(await listApplicationMessages(db, application.id)),
    application: {
      id: application.id,
      number: applicationNumber(cycle.year, application.id),
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
    // The self-assessment's text stays on its own page; here its sections' lengths.
    values: { ...values, selfAssessment: { sections: [] as string[] } },
    sectionCharacters: values.selfAssessment.sections.map((text) => countCharacters(text ?? '')),
    yearsRegistered: /^\d{4}-\d{2}-\d{2}$/.test(registrationDate)
      ? yearsSinceRegistration(registrationDate, new Date().toISOString().slice(0, 10))
      : null,
    audit,
    ...summaryHeadings(categories, tree),
    // The levels this entry can be given: its category's, for its kind of entry, 特别贡献奖 only where the cycle gives it.
    levels: levels.filter(
      (l) =>
        l.category_code === application.category_code &&
        l.award_type === (application.award_type ?? 'organisation') &&
        (l.outside_quota === 0 || cycle.special_award_enabled === 1),
    ),
    // What the panels show of each assignment, not the whole row.
    assignments: assignments.map((a) => ({
      id: a.id,
      reviewer_name: a.reviewer_name,
      canLogIn: a.reviewer_can_log_in === 1,
      status: a.status,
      responded_at: a.responded_at,
      ended_at: a.ended_at,
      end_reason: a.end_reason,
      sheet_status: a.sheet_status,
    })),
    reviewers: candidates.map((c) => ({
      id: c.userId,
      name: c.name,
      fields: c.fields,
      load: c.load,
      cap: c.cap,
      conflicts: c.conflicts,
      declaredConflict: c.declaredConflict,
      canLogIn: c.canLogIn,
    })),
    draws: draws.map((draw) => drawForPage(draw)),
    reviewersPerApplication: cycle.reviewers_per_application,
    activeAssignments: assignments.filter((a) => isActiveAssignment(a.status)).length,
    objections,
    objectionEvidence,
    attachments,
    credit: {
      checks: creditChecks,
      serviceConfigured: configuredCreditService() !== null,
      open: status === 'eligibilityReview',
    },
    // 资格审核 as a checklist: each condition with the applicant's declaration, its evidence and the confirmation.
    checklist: {
      conditions: applicableConditions(application.award_type).map((key) => ({
        key,
        declaration: values.declarations[key] ?? null,
        evidence: attachments.filter((a) => a.declaration_key === key).map((a) => ({ id: a.id, filename: a.filename })),
        confirmation: confirmations.find((c) => c.condition_key === key) ?? null,
      })),
      inShenzhen: {
        byCode: isShenzhenRegistered(application.uscc),
        byAddress: values.profile.registeredAddress.includes('深圳'),
      },
      problems,
    },
    noticeEndsAt: application.notice_ends_at,
    // A correction usually gets two weeks.
    suggestedCorrectionDueDate: addDays(beijingToday(), 14),
    // The consensus sheet (23 items × 21 choices) is only drawn where needed or asked for.
    consensusFormAsked,
    consensus: {
      spread: formatPoints(totalSpread(standing.sheetTotals)),
      threshold: formatPoints(cycle.consensus_threshold),
      required: consensusRequired,
      round: consensusRound
        ? {
            total: standing.consensus === null ? '' : formatPoints(standing.consensus),
            by: consensusRound.recorder_name ?? '',
            at: consensusRound.recorded_at,
            note: consensusRound.note,
            outsideThresholdReason: consensusRound.outside_threshold_reason,
            agreedBy: consensusAgreement.map((reviewer) => reviewer.display_name),
          }
        : null,
      scorers: sheets.map((sheet) => ({ id: sheet.reviewer_id, name: sheet.reviewer_name })),
      suggested: Object.fromEntries(
        items.map((item) => [
          item.id,
          suggestedPercentage(scores.filter((s) => s.item_id === item.id).map((s) => s.percentage)),
        ]),
      ),
      items: items.map((item) => ({
        id: item.id,
        code: item.code,
        name_zh: item.name_zh,
        name_en: item.name_en,
        points: item.points,
      })),
    },
    // Each sheet's stored total; the item-by-item matrix has its own page.
    sheets: sheets.map((sheet) => ({
      id: sheet.id,
      reviewerName: sheet.reviewer_name,
      submittedAt: sheet.submitted_at,
      total: sheet.total === null ? '' : formatPoints(sheet.total),
    })),
    minReviewers: cycle.min_reviewers,
    published: cycle.results_published_at !== null,
    standing: {
      sheetTotals: standing.sheetTotals.map(formatPoints),
      score: standing.score === null ? null : formatPoints(standing.score),
    },
    stages: {
      shown: stagesShown,
      // Read only where it is shown (eight statements otherwise spent on an application still in document review).
      view: stagesShown ? await secondHalfForSecretariat(db, application, cycle, standing) : null,
      canScheduleDefence: allows(status, { type: 'SCHEDULE_DEFENCE' }),
      canScheduleVisit: allows(status, { type: 'SCHEDULE_SITE_VISIT' }),
    },
    can: {
      start: allows(status, { type: 'START_ELIGIBILITY_REVIEW' }),
      review: allows(status, { type: 'ACCEPT_ELIGIBILITY' }),
      assign: acceptsReviewWork(status),
      // A conflict found after an expert submitted: the sheet can be taken out until its score has been used.
      takeSheetOut: (status === 'documentReview' || status === 'scored') && consensusRound === undefined,
      decide: allows(status, { type: 'DECIDE', awarded: true, needsConsensus: false, hasConsensus: false }),
    },
  })
}

interface IntentContext {
  db: DB
  actor: Actor
  application: { id: number }
  form: URLSearchParams
  expectedVersion: number
}

/** What an intent did: the confirmation that names it, and the panel the page returns to. */
interface Done {
  flash: MessageKey
  panel: 'eligibility' | 'assignments' | 'consensus' | 'stages' | 'decision' | 'objections' | 'thread'
}

async function applicationEvent(
  ctx: IntentContext,
  event: ApplicationEvent,
  flash: MessageKey,
  changes?: ApplicationUpdate,
): Promise<Done> {
  await applyApplicationEvent(ctx.db, {
    applicationId: ctx.application.id,
    actor: ctx.actor,
    event,
    expectedVersion: ctx.expectedVersion,
    changes,
  })
  return { flash, panel: 'eligibility' }
}

function withReason(
  ctx: IntentContext,
  make: (reason: string) => ApplicationEvent,
  flash: MessageKey,
): Promise<Done | Response> {
  const parsed = parseForm(reasonSchema, ctx.form)
  if (!parsed.ok) return Promise.resolve(fieldErrors(parsed.errors))
  return applicationEvent(ctx, make(parsed.data.reason), flash)
}

/** Each thing the secretariat can do on this page: a small handler per intent, answering an error or what was done. */
const intents: Record<string, (ctx: IntentContext) => Promise<Done | Response>> = {
  async message({ db, actor, application, form }) {
    await postToThread(db, { applicationId: application.id, actor, body: form.get('body') ?? '' })
    return { flash: 'flash.messagePosted', panel: 'thread' }
  },
  start: (ctx) => applicationEvent(ctx, { type: 'START_ELIGIBILITY_REVIEW' }, 'flash.eligibilityStarted'),
  accept: (ctx) =>
    applicationEvent(
      ctx,
      { type: 'ACCEPT_ELIGIBILITY', reason: ctx.form.get('overrideReason') ?? undefined },
      'flash.eligibilityAccepted',
    ),
  async confirmCondition({ db, actor, application, form }) {
    const met = form.get('met')
    if (met !== 'yes' && met !== 'no') return fieldErrors({ met: 'errors.choose' }, 'errors.choose')
    await confirmEligibilityCondition(db, {
      applicationId: application.id,
      actor,
      condition: form.get('condition') ?? '',
      met: met === 'yes',
      note: form.get('note') ?? '',
    })
    return { flash: 'flash.conditionConfirmed', panel: 'eligibility' }
  },
  async return(ctx) {
    const parsed = parseForm(correctionSchema, ctx.form)
    if (!parsed.ok) return fieldErrors(parsed.errors)
    return applicationEvent(ctx, { type: 'RETURN_FOR_CORRECTION', reason: parsed.data.reason }, 'flash.returned', {
      correction_due_date: parsed.data.dueDate,
    })
  },
  reject: (ctx) => withReason(ctx, (reason) => ({ type: 'REJECT_INELIGIBLE', reason }), 'flash.rejected'),
  async draw({ db, actor, application }) {
    await drawForApplication(db, { applicationId: application.id, actor })
    return { flash: 'flash.reviewersDrawn', panel: 'assignments' }
  },
  async removeAssignment({ db, actor, application, form }) {
    const parsed = parseForm(reasonSchema, form)
    if (!parsed.ok) return fieldErrors(parsed.errors)
    await removeAssignment(db, {
      applicationId: application.id,
      assignmentId: postedInteger(form, 'assignmentId'),
      actor,
      reason: parsed.data.reason,
      redraw: form.get('redraw') === 'yes',
    })
    return {
      flash: form.get('redraw') === 'yes' ? 'flash.reviewerReplaced' : 'flash.reviewerRemoved',
      panel: 'assignments',
    }
  },
  async assign({ db, actor, application, form }) {
    const reviewerId = postedInteger(form, 'reviewerId')
    if (!Number.isSafeInteger(reviewerId) || reviewerId <= 0)
      return fieldErrors({ reviewerId: 'errors.notReviewer' }, 'errors.notReviewer')
    await assignReviewer(db, { applicationId: application.id, reviewerId, actor })
    return { flash: 'flash.reviewerAssigned', panel: 'assignments' }
  },
  async creditQuery({ db, actor, application }) {
    const service = configuredCreditService()
    if (!service) return httpError(409, 'errors.creditServiceDown')
    await checkCredit(db, { applicationId: application.id, actor, service })
    return { flash: 'flash.creditRecorded', panel: 'eligibility' }
  },
  async creditManual({ db, actor, application, form }) {
    const dishonest = form.get('dishonest')
    if (dishonest !== 'yes' && dishonest !== 'no') return fieldErrors({ dishonest: 'errors.choose' }, 'errors.choose')
    await recordManualCreditCheck(db, {
      applicationId: application.id,
      actor,
      dishonest: dishonest === 'yes',
      summary: form.get('summary') ?? '',
    })
    return { flash: 'flash.creditRecorded', panel: 'eligibility' }
  },
  async consensus({ db, actor, application, form }) {
    const scores = new Map<number, number>()
    for (const [name, value] of form) {
      if (!name.startsWith('consensus_')) continue
      const itemId = Number(name.slice('consensus_'.length))
      const percentage = /^\d{1,3}$/.test(value) ? Number(value) : Number.NaN
      if (!Number.isSafeInteger(itemId) || !isValidPercentage(percentage)) return httpError(400, 'errors.percentage')
      scores.set(itemId, percentage)
    }
    await recordConsensus(db, {
      applicationId: application.id,
      actor,
      scores,
      note: form.get('note') ?? '',
      agreedBy: form.getAll('agreedBy').map(Number).filter(Number.isSafeInteger),
      outsideThresholdReason: form.get('outsideThresholdReason') ?? '',
    })
    return { flash: 'flash.consensusRecorded', panel: 'consensus' }
  },
  async resolveObjection({ db, actor, application, form }) {
    const parsed = parseForm(resolutionSchema, form)
    if (!parsed.ok) return fieldErrors(parsed.errors)
    await resolveObjection(db, {
      applicationId: application.id,
      objectionId: postedInteger(form, 'objectionId'),
      actor,
      outcome: parsed.data.outcome,
      resolution: parsed.data.resolution,
    })
    return { flash: 'flash.objectionResolved', panel: 'objections' }
  },
  async scheduleDefence({ db, actor, application, form, expectedVersion }) {
    const parsed = parseForm(defenceSlotSchema, form)
    if (!parsed.ok) return fieldErrors(parsed.errors)
    const { date, time, minutes, place } = parsed.data
    await scheduleDefence(db, {
      applicationId: application.id,
      actor,
      expectedVersion,
      startsAt: `${date}T${time}`,
      minutes,
      place,
    })
    return { flash: 'flash.defenceScheduled', panel: 'stages' }
  },
  async scheduleSiteVisit({ db, actor, application, form, expectedVersion }) {
    const parsed = parseForm(siteVisitSchema, form)
    if (!parsed.ok) return fieldErrors(parsed.errors)
    await scheduleSiteVisit(db, {
      applicationId: application.id,
      actor,
      expectedVersion,
      visitDate: parsed.data.date,
      address: parsed.data.address,
    })
    return { flash: 'flash.siteVisitScheduled', panel: 'stages' }
  },
  async decide({ db, actor, application, form, expectedVersion }) {
    const level = form.get('levelId')
    const levelId = level === 'none' ? null : Number(level)
    if (level === null || level === '' || (levelId !== null && !Number.isSafeInteger(levelId)))
      return fieldErrors({ levelId: 'errors.unknownLevel' }, 'errors.unknownLevel')
    await decideApplication(db, {
      applicationId: application.id,
      actor,
      expectedVersion,
      levelId,
      reason: form.get('reason') ?? '',
    })
    return { flash: 'flash.decisionRecorded', panel: 'decision' }
  },
}

/** The panel of the page each intent's form sits in: where the page returns to, and where a refusal is shown. */
const intentPanels: Record<string, Done['panel']> = {
  start: 'eligibility',
  accept: 'eligibility',
  confirmCondition: 'eligibility',
  return: 'eligibility',
  reject: 'eligibility',
  creditQuery: 'eligibility',
  creditManual: 'eligibility',
  assign: 'assignments',
  draw: 'assignments',
  removeAssignment: 'assignments',
  consensus: 'consensus',
  resolveObjection: 'objections',
  decide: 'decision',
  scheduleDefence: 'stages',
  scheduleSiteVisit: 'stages',
  message: 'thread',
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, actor, application } = await requireApplicationForSecretariat(request, params.id)
  const form = await readForm(request)
  const intent = form.get('intent') ?? ''
  const handler = Object.hasOwn(intents, intent) ? intents[intent] : undefined
  if (!handler) return httpError(400, 'errors.notAllowedNow')
  const panel = intentPanels[intent] ?? 'eligibility'
  try {
    const done = await handler({ db, actor, application, form, expectedVersion: postedInteger(form, 'version') })
    // A refusal is shown in the panel acted on, beside the field it is about.
    if (done instanceof Response) return inPanel(done, panel)
    flushOutboxSoon()
    // Back to the panel acted on, not the top of a long page.
    return redirectWithFlash(request, `/admin/applications/${application.id}#${done.panel}`, done.flash)
  } catch (error) {
    return inPanel(workflowFailure(error), panel)
  }
}

export type AdminApplicationData = ReturnType<typeof useLoaderData<typeof loader>>

export default function AdminApplication() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const { application: app } = data
  const answer = useActionData<{ panel?: string; fieldErrors?: Record<string, string> }>()
  usePanelFocus()
  const category = data.categories.find((c) => c.code === app.categoryCode)
  return (
    <section>
      <h1>
        <span data-testid="application-number">{app.number}</span> {app.organisationName}
      </h1>
      <FormError />
      <p>
        <StatusBadge status={app.status} /> {category ? ` · ${localName(category, lang)}` : ''}
        {app.awardType ? ` · ${t(keyOf(`awardType.${app.awardType}`))}` : ''}
        {' · '}
        <a href={`/admin/applications/${app.id}/application.pdf`} download>
          {t('pdf.downloadApplication')}
        </a>
      </p>
      <div className="card">
        <dl className="summary">
          <dt>{t('auth.uscc')}</dt>
          <dd>{app.uscc}</dd>
          <dt>{t('auth.contactPerson')}</dt>
          <dd>
            {app.contactPerson} · {app.phone} · {app.email}
          </dd>
          <dt>{t('profile.registrationDate')}</dt>
          <dd>
            {(data.values.profile as { registrationDate?: string }).registrationDate}
            {data.yearsRegistered !== null ? ` · ${t('profile.yearsRegistered', { years: data.yearsRegistered })}` : ''}
            {data.yearsRegistered !== null && data.yearsRegistered < 3 ? (
              <strong className="error"> {t('profile.lessThanThree')}</strong>
            ) : null}
          </dd>
        </dl>
      </div>

      <EligibilityPanel data={data} />
      <AssignmentsPanel data={data} />
      <SheetsPanel data={data} />
      <ConsensusPanel data={data} />
      <StagesPanel data={data} />
      <DecisionPanel data={data} />
      <ObjectionsPanel data={data} />
      <MessageThread
        messages={data.thread}
        heading={t('thread.headingSecretariat')}
        hint={t('thread.hintSecretariat')}
        error={answer?.panel === 'thread' ? answer.fieldErrors?.body : undefined}
      />

      <h2>{t('application.timeline')}</h2>
      <Timeline entries={data.audit} showActor />
    </section>
  )
}
