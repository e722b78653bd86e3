/**
 * The applicant's five-step form, its data (issue 21: page modules): the step's values, the cycle's categories and
 * evidence, and the type the steps read, which they import from here rather than from the route that imports them.
 */
import { json, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { getCriteriaTree } from '#db/repositories/criteria'
import { getCycle, listCycleCategories, listRequiredEvidence } from '#db/repositories/cycles'
import { mayBeEdited } from '#workflows/application/application.queries'
import {
  applicableConditions,
  missingEvidence,
  missingSteps,
  yearsSinceRegistration,
} from '#workflows/application/application.rules'
import { versionShownToApplicant } from '#workflows/application/application.policy'
import { type ApplicationStep, applicationSteps } from '#workflows/application/application.schema'
import { draftValues, summaryHeadings } from '~/utils/application-draft.server'
import { httpError } from '~/utils/http.server'
import { requireOwnApplication } from '~/utils/application-access.server'
import { editsAsMember } from '#workflows/application/application.policy'
import { listAudit } from '#db/repositories/audit'
import { listAttachments } from '#db/repositories/attachments'
import type { SerializeFrom } from '@remix-run/node'
import { getLegalConfirmation, latestLegalLetter } from '#db/repositories/legal-confirmations'
import { confirmationStanding } from '#workflows/application/legal-confirmation'
import { awardNow } from '#workflows/time'

export function stepOf(value: string | undefined): ApplicationStep {
  if (!applicationSteps.includes(value as ApplicationStep)) throw httpError(404, 'errors.notFound')
  return value as ApplicationStep
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const step = stepOf(params.step)
  const { db, actor, application } = await requireOwnApplication(request, params.id)
  // A colleague who only reads (a viewer) reads the application's page; its form is not theirs to fill in.
  if (!editsAsMember(actor)) throw httpError(403, 'team.viewerReadOnly')
  if (!mayBeEdited(application.status)) throw redirect(`/applicant/applications/${application.id}`)
  const cycle = (await getCycle(db, application.cycle_id))!
  const [categories, tree, audit, attachments, requiredEvidence] = await Promise.all([
    listCycleCategories(db, cycle.id),
    getCriteriaTree(db, cycle.edition_id),
    listAudit(db, 'application', application.id),
    listAttachments(db, application.id),
    listRequiredEvidence(db, cycle.id),
  ])
  const values = draftValues(application)
  // The legal representative's confirmation, which the last step asks for before the submission.
  const [confirmation, letter] =
    step === 'summary'
      ? await Promise.all([getLegalConfirmation(db, application.id), latestLegalLetter(db, application.id)])
      : [undefined, undefined]
  const registrationDate = (values.profile as { registrationDate?: string }).registrationDate
  return json({
    step,
    application: {
      id: application.id,
      version: versionShownToApplicant(application.version, audit, application.decision_level_id !== null),
      status: application.status,
    },
    values,
    ...summaryHeadings(categories, tree),
    // The items an applicant may score itself on, per category, each with its place in the edition's order (the
    // index its self-score is stored under).
    selfScoreItems: step === 'selfAssessment' ? selfScoreItemsOf(tree) : [],
    missing: missingSteps(application, tree.categories.length),
    attachments,
    evidence: {
      required: applicableConditions(application.award_type).filter((condition) =>
        requiredEvidence.some((r) => r.awardType === application.award_type && r.condition === condition),
      ),
      missing: missingEvidence(requiredEvidence, application.award_type, attachments),
    },
    yearsRegistered:
      registrationDate && /^\d{4}-\d{2}-\d{2}$/.test(registrationDate)
        ? yearsSinceRegistration(registrationDate, awardNow().toISOString().slice(0, 10))
        : null,
    returnedReason:
      application.status === 'returned'
        ? (audit.filter((a) => a.event === 'RETURN_FOR_CORRECTION').at(-1)?.reason ?? null)
        : null,
    correctionDueDate: application.status === 'returned' ? application.correction_due_date : null,
    legal: {
      standing: confirmationStanding(confirmation, application.version),
      named: (values.profile as { legalRepresentative?: string }).legalRepresentative ?? '',
      confirmedBy: confirmation?.confirmed_by_name ?? null,
      confirmedAt: confirmation?.confirmed_at ?? null,
      letter: letter ?? null,
    },
  })
}

function selfScoreItemsOf(tree: Awaited<ReturnType<typeof getCriteriaTree>>) {
  let index = 0
  return tree.categories.map((c) =>
    c.items.map((item) => ({
      code: item.code,
      name_zh: item.name_zh,
      name_en: item.name_en,
      points: item.points,
      index: index++,
    })),
  )
}

/** What the steps read. */
export type EditLoaderData = SerializeFrom<typeof loader>
