/** The secretariat's application page, its forms: one small handler per intent (issue 21: page modules). */
import { postedInteger } from '~/forms/form-data'
import { type ActionFunctionArgs } from '@remix-run/node'
import type { DB } from '#db/client.server'
import { requireApplicationForSecretariat } from '~/utils/application-access.server'
import { resolveObjection } from '#workflows/objection/objection.server'
import { resolutionSchema } from '~/forms/objection'
import type { ApplicationEvent } from '#workflows/application/application.machine'
import type { Actor } from '#workflows/application/application.policy'
import type { ApplicationUpdate } from '#db/schema'
import { applyApplicationEvent, decideApplication } from '#workflows/application/application.server'
import { confirmEligibilityCondition } from '#workflows/application/eligibility.server'
import { assignReviewer, drawForApplication, recordConsensus, removeAssignment } from '#workflows/review/review.server'
import { checkCredit, recordManualCreditCheck } from '#workflows/application/credit.server'
import { configuredCreditService } from '~/utils/credit-service.server'
import { isValidPercentage } from '#workflows/review/scoring'
import { defenceSlotSchema, siteVisitSchema } from '~/forms/stages'
import { scheduleDefence } from '#workflows/stages/defence.server'
import { scheduleSiteVisit } from '#workflows/stages/site-visit.server'
import { correctionSchema, reasonSchema } from '#workflows/application/application.schema'
import { type MessageKey } from '~/i18n'
import { flushOutboxSoon } from '~/utils/email.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { fieldErrors, httpError, inPanel, workflowFailure } from '~/utils/http.server'
import { postToThread } from '#workflows/application/thread.server'
import { readForm } from '~/utils/request.server'
import { parseForm } from '~/utils/validation.server'

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
