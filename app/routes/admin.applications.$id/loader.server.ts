/**
 * The secretariat's application page, its data (issue 21: page modules): every panel's data in one loader, and its
 * type for the panels, which import it from here rather than from the route that imports them.
 */
import { applicationNumber } from '#workflows/application/application-number'
import { listSocialAnswers } from '#db/repositories/social'
import { mayAct } from '#workflows/account/duties'
import { underDeliberation } from '#workflows/committee/committee.server'
import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { requireApplicationForSecretariat } from '~/utils/application-access.server'
import { listAudit } from '#db/repositories/audit'
import { listAttachments } from '#db/repositories/attachments'
import { getLegalConfirmation } from '#db/repositories/legal-confirmations'
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
import { allows } from '#workflows/application/application.queries'
import { applicableConditions, yearsSinceRegistration } from '#workflows/application/application.rules'
import { eligibilityProblemsFrom } from '#workflows/application/application.server'
import { listEligibilityConfirmations } from '#db/repositories/eligibility'
import { isShenzhenRegistered } from '#workflows/application/uscc'
import { assignmentCandidates } from '#workflows/review/assignment-candidates.server'
import { needsConsensus, suggestedPercentage, totalSpread } from '#workflows/review/consensus'
import { getConsensusRound, listConsensusAgreement } from '#db/repositories/consensus'
import { listCreditChecks } from '#db/repositories/credit-checks'
import { configuredCreditService } from '~/utils/credit-service.server'
import { acceptsReviewWork } from '#workflows/review/review.rules'
import { formatPoints } from '#workflows/review/scoring'
import { applicationStandings } from '#workflows/review/standings.server'
import { secondHalfForSecretariat } from '~/utils/stages-view.server'
import { addDays, beijingToday, countCharacters } from '#workflows/application/application.schema'
import { draftValues, summaryHeadings } from '~/utils/application-draft.server'
import { listApplicationMessages } from '#db/repositories/application-messages'
import { threadMessages } from '~/components/message-thread'
import type { SerializeFrom } from '@remix-run/node'
import { awardNow } from '#workflows/time'

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
  const { db, actor, application } = await requireApplicationForSecretariat(request, params.id)
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
        now: awardNow().toISOString(),
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
      ? yearsSinceRegistration(registrationDate, awardNow().toISOString().slice(0, 10))
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
    // The legal representative's confirmation the application was submitted on (issue 22).
    legalConfirmation: (await getLegalConfirmation(db, application.id)) ?? null,
    // 社会评价: the departments' answers, entered by the review agency while the committee has the file.
    social: {
      answers: await listSocialAnswers(db, [application.id]),
      open: underDeliberation(status, cycle),
      mayRecord: mayAct(actor, 'socialEvaluation'),
      dueDate: cycle.social_due_date,
    },
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

/** What the page's panels read. */
export type AdminApplicationData = SerializeFrom<typeof loader>
