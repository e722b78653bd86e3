import { describe, expect, it } from 'vitest'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import { listAudit } from '../../db/repositories/audit'
import { getCycle, listPublishedWinners } from '../../db/repositories/cycles'
import { applyApplicationEvent, decideApplication } from '../../workflows/application/application.server'
import { approveResults, publishResults, startPublicNotice } from '../../workflows/cycle/cycle.server'
import type { Actor } from '../../workflows/application/application.policy'
import { fileObjection, resolveObjection } from '../../workflows/objection/objection.server'
import { getObjection, listApplicationsOnNotice } from '../../db/repositories/objections'
import { assignReviewer, declareConflict, recordConsensus, saveScoreSheet } from '../../workflows/review/review.server'
import { applicationStandings, cycleRanking } from '../../workflows/review/standings.server'
import { createApplicantAccount } from '../../db/factories'
import {
  acceptInvitation,
  approveAndPublish,
  fullSheet,
  inDocumentReview,
  rejection,
  submitSheet,
  world,
} from './helpers'

describe('document review', () => {
  it('assigns a reviewer only once per application', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    const error = await rejection(
      assignReviewer(w.db, { applicationId: app.id, reviewerId: w.reviewers[0]!.userId, actor: w.admin }),
    )
    expect(error.messageKey).toBe('errors.alreadyAssigned')
  })

  it('assigns only reviewers, and only by the secretariat', async () => {
    const w = await world()
    const app = await inDocumentReview(w, w.applicant, [])
    expect(
      (await rejection(assignReviewer(w.db, { applicationId: app.id, reviewerId: w.applicant.userId, actor: w.admin })))
        .messageKey,
    ).toBe('errors.notReviewer')
    expect(
      (
        await rejection(
          assignReviewer(w.db, { applicationId: app.id, reviewerId: w.reviewers[0]!.userId, actor: w.reviewers[1]! }),
        )
      ).status,
    ).toBe(403)
  })

  it('lets an unassigned reviewer neither save nor submit a sheet', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    const error = await rejection(
      saveScoreSheet(w.db, {
        applicationId: app.id,
        actor: w.reviewers[3]!,
        expectedVersion: null,
        ...fullSheet(w, 50),
        submit: true,
      }),
    )
    expect(error.status).toBe(404)
  })

  it('refuses to submit a sheet with an item unscored, but saves it as a draft', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    await acceptInvitation(w, app.id, w.reviewers[0]!)
    const sheet = fullSheet(w, 60)
    sheet.scores.delete(w.tree.categories[6]!.items[0]!.id)
    const error = await rejection(
      saveScoreSheet(w.db, {
        applicationId: app.id,
        actor: w.reviewers[0]!,
        expectedVersion: null,
        ...sheet,
        submit: true,
      }),
    )
    expect(error.messageKey).toBe('errors.sheetIncomplete')
    const saved = await saveScoreSheet(w.db, {
      applicationId: app.id,
      actor: w.reviewers[0]!,
      expectedVersion: null,
      ...sheet,
      submit: false,
    })
    expect(saved.version).toBe(2)
  })

  it('refuses a percentage off the 5 % steps', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    await acceptInvitation(w, app.id, w.reviewers[0]!)
    const sheet = fullSheet(w, 60)
    sheet.scores.set(w.tree.categories[0]!.items[0]!.id, 62)
    expect(
      (
        await rejection(
          saveScoreSheet(w.db, {
            applicationId: app.id,
            actor: w.reviewers[0]!,
            expectedVersion: null,
            ...sheet,
            submit: false,
          }),
        )
      ).messageKey,
    ).toBe('errors.percentage')
  })

  it('makes a submitted sheet read-only', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    const first = await submitSheet(w, app.id, w.reviewers[0]!, 50)
    const error = await rejection(
      saveScoreSheet(w.db, {
        applicationId: app.id,
        actor: w.reviewers[0]!,
        expectedVersion: first.version,
        ...fullSheet(w, 90),
        submit: false,
      }),
    )
    expect(error.messageKey).toBe('errors.notAllowedNow')
  })

  it('moves the application to scored when the last assigned sheet comes in, with the exact mean', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    expect((await submitSheet(w, app.id, w.reviewers[0]!, 50)).applicationStatus).toBe('documentReview')
    expect((await submitSheet(w, app.id, w.reviewers[1]!, 55)).applicationStatus).toBe('documentReview')
    expect((await submitSheet(w, app.id, w.reviewers[2]!, 65)).applicationStatus).toBe('scored')
    const standings = await applicationStandings(w.db, app.id)
    // 500.00, 550.00 and 650.00 points: mean 566.67
    expect(standings.sheetTotals.sort()).toEqual([50000, 55000, 65000])
    expect(standings.score).toBe(56667)
    const audit = await listAudit(w.db, 'application', app.id)
    expect(audit.at(-1)).toMatchObject({
      event: 'COMPLETE_DOCUMENT_REVIEW',
      from_state: 'documentReview',
      to_state: 'scored',
    })
  })
})

describe('conflicts of interest (回避)', () => {
  it('takes a recused reviewer out of the count, keeps the declaration, and waits for a replacement', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    await submitSheet(w, app.id, w.reviewers[0]!, 60)
    await submitSheet(w, app.id, w.reviewers[1]!, 70)
    await declareConflict(w.db, { applicationId: app.id, actor: w.reviewers[2]!, reason: '三年内曾为该单位提供咨询' })
    const recused = await w.db
      .selectFrom('assignments')
      .selectAll()
      .where('application_id', '=', app.id)
      .where('reviewer_id', '=', w.reviewers[2]!.userId)
      .executeTakeFirstOrThrow()
    expect(recused).toMatchObject({ recusal_reason: '三年内曾为该单位提供咨询' })
    expect(recused.recused_at).not.toBeNull()
    // Two sheets of two remaining reviewers are below the minimum of three: still in document review.
    expect((await loadApplicationForUpdate(w.db, app.id))?.status).toBe('documentReview')
    expect(
      (
        await rejection(
          saveScoreSheet(w.db, {
            applicationId: app.id,
            actor: w.reviewers[2]!,
            expectedVersion: null,
            ...fullSheet(w, 80),
            submit: true,
          }),
        )
      ).messageKey,
    ).toBe('errors.recused')
    expect(
      (
        await rejection(
          assignReviewer(w.db, { applicationId: app.id, reviewerId: w.reviewers[2]!.userId, actor: w.admin }),
        )
      ).messageKey,
    ).toBe('errors.recused')

    await assignReviewer(w.db, { applicationId: app.id, reviewerId: w.reviewers[3]!.userId, actor: w.admin })
    expect((await submitSheet(w, app.id, w.reviewers[3]!, 80)).applicationStatus).toBe('scored')
    expect((await applicationStandings(w.db, app.id)).score).toBe(70000)
  })

  it('completes document review when the last outstanding reviewer recuses and enough sheets are in', async () => {
    const w = await world()
    const app = await inDocumentReview(w, w.applicant, w.reviewers)
    for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, app.id, reviewer, 50)
    await declareConflict(w.db, { applicationId: app.id, actor: w.reviewers[3]!, reason: '亲属在该单位任职' })
    expect((await loadApplicationForUpdate(w.db, app.id))?.status).toBe('scored')
  })

  it('refuses a declaration without a reason, after submission, or from a reviewer not assigned', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    expect(
      (await rejection(declareConflict(w.db, { applicationId: app.id, actor: w.reviewers[0]!, reason: ' ' })))
        .messageKey,
    ).toBe('errors.required')
    await submitSheet(w, app.id, w.reviewers[0]!, 50)
    expect(
      (await rejection(declareConflict(w.db, { applicationId: app.id, actor: w.reviewers[0]!, reason: '迟到的回避' })))
        .messageKey,
    ).toBe('errors.notAllowedNow')
    expect(
      (await rejection(declareConflict(w.db, { applicationId: app.id, actor: w.reviewers[3]!, reason: '未分配' })))
        .status,
    ).toBe(404)
  })
})

describe('aggregation chosen per cycle', () => {
  it('ranks by the median or the trimmed mean when the cycle says so', async () => {
    const w = await world()
    const app = await inDocumentReview(w, w.applicant, w.reviewers)
    for (const [i, percentage] of [40, 60, 65, 95].entries()) await submitSheet(w, app.id, w.reviewers[i]!, percentage)
    expect((await applicationStandings(w.db, app.id)).score).toBe(65000) // mean of 400, 600, 650, 950
    await w.db.updateTable('cycles').set({ aggregation: 'median' }).where('id', '=', w.cycle.id).execute()
    expect((await applicationStandings(w.db, app.id)).score).toBe(62500)
    await w.db.updateTable('cycles').set({ aggregation: 'trimmedMean' }).where('id', '=', w.cycle.id).execute()
    expect((await applicationStandings(w.db, app.id)).score).toBe(62500)
  })
})

describe('normalised reviewers', () => {
  it('ranks two applications level when a harsh and a lenient reviewer each scored one of them the same way', async () => {
    const w = await world()
    const a = await inDocumentReview(w, w.applicant, [w.reviewers[0]!, w.reviewers[1]!])
    const b = await inDocumentReview(w, w.otherApplicant, [w.reviewers[0]!, w.reviewers[1]!])
    await w.db.updateTable('cycles').set({ min_reviewers: 2 }).where('id', '=', w.cycle.id).execute()
    // Reviewer 0 is harsh, reviewer 1 lenient; both think B is better than A by the same margin.
    await submitSheet(w, a.id, w.reviewers[0]!, 40)
    await submitSheet(w, b.id, w.reviewers[0]!, 50)
    await submitSheet(w, a.id, w.reviewers[1]!, 70)
    await submitSheet(w, b.id, w.reviewers[1]!, 80)
    const raw = [(await applicationStandings(w.db, a.id)).score, (await applicationStandings(w.db, b.id)).score]
    expect(raw).toEqual([55000, 65000])
    await w.db.updateTable('cycles').set({ normalise_reviewers: 1 }).where('id', '=', w.cycle.id).execute()
    const normalised = [
      (await applicationStandings(w.db, a.id)).score!,
      (await applicationStandings(w.db, b.id)).score!,
    ]
    // Each reviewer's z-scores are -1 (A) and +1 (B): A = 600 - 158.11, B = 600 + 158.11.
    expect(normalised).toEqual([44189, 75811])
  })
})

describe('consensus where reviewers disagree (共识)', () => {
  it('requires a consensus before the decision when totals spread beyond the threshold, and ranks by it', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    for (const [i, percentage] of [50, 60, 75].entries()) await submitSheet(w, app.id, w.reviewers[i]!, percentage)
    // 500, 600 and 750 points: a spread of 250 beyond the default 150.
    const version = async () => (await loadApplicationForUpdate(w.db, app.id))!.version
    const refused = await rejection(
      decideApplication(w.db, {
        applicationId: app.id,
        actor: w.admin,
        expectedVersion: await version(),
        levelId: null,
        reason: '',
      }),
    )
    expect(refused.messageKey).toBe('errors.consensusRequired')

    const incomplete = new Map(w.tree.categories.flatMap((c) => c.items.map((item) => [item.id, 60] as const)).slice(1))
    expect(
      (
        await rejection(
          recordConsensus(w.db, {
            applicationId: app.id,
            actor: w.admin,
            scores: incomplete,
            note: '合议',
            agreedBy: w.reviewers.slice(0, 3).map((r) => r.userId),
          }),
        )
      ).messageKey,
    ).toBe('errors.sheetIncomplete')
    expect(
      (
        await rejection(
          recordConsensus(w.db, {
            applicationId: app.id,
            actor: w.reviewers[0]!,
            scores: fullSheet(w, 60).scores,
            note: '合议',
            agreedBy: w.reviewers.slice(0, 3).map((r) => r.userId),
          }),
        )
      ).status,
    ).toBe(403)

    await recordConsensus(w.db, {
      applicationId: app.id,
      actor: w.admin,
      scores: fullSheet(w, 60).scores,
      note: '专家组合议，按中位数确定。',
      agreedBy: w.reviewers.slice(0, 3).map((r) => r.userId),
    })
    const standing = await applicationStandings(w.db, app.id)
    expect(standing).toMatchObject({ consensus: 60000, score: 60000 })
    // Beside, never over: the independent sheets are untouched.
    expect([...standing.sheetTotals].sort()).toEqual([50000, 60000, 75000])
    expect((await listAudit(w.db, 'application', app.id)).at(-1)).toMatchObject({
      event: 'RECORD_CONSENSUS',
      reason: '专家组合议，按中位数确定。',
    })

    await decideApplication(w.db, {
      applicationId: app.id,
      actor: w.admin,
      expectedVersion: await version(),
      levelId: null,
      reason: '',
    })
    expect((await loadApplicationForUpdate(w.db, app.id))?.status).toBe('decided')
    expect(
      (
        await rejection(
          recordConsensus(w.db, {
            applicationId: app.id,
            actor: w.admin,
            scores: fullSheet(w, 90).scores,
            note: '改',
            agreedBy: w.reviewers.slice(0, 3).map((r) => r.userId),
          }),
        )
      ).messageKey,
    ).toBe('errors.notAllowedNow')
  })

  it('names at least two reviewers whose sheets are in as agreeing, and flags a consensus recorded within the threshold, with its reason', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    for (const [i, percentage] of [60, 65, 70].entries()) await submitSheet(w, app.id, w.reviewers[i]!, percentage)
    const base = { applicationId: app.id, actor: w.admin, scores: fullSheet(w, 95).scores, note: '合议' }
    const three = w.reviewers.slice(0, 3).map((r) => r.userId)
    expect((await rejection(recordConsensus(w.db, { ...base, agreedBy: [three[0]!] }))).messageKey).toBe(
      'errors.consensusReviewers',
    )
    expect(
      (await rejection(recordConsensus(w.db, { ...base, agreedBy: [three[0]!, w.reviewers[3]!.userId] }))).messageKey,
    ).toBe('errors.consensusReviewers')
    // 600, 650 and 700 points: within the threshold, so a consensus here needs its own reason.
    expect((await rejection(recordConsensus(w.db, { ...base, agreedBy: three }))).messageKey).toBe(
      'errors.consensusOutsideThreshold',
    )
    expect(await applicationStandings(w.db, app.id)).toMatchObject({ consensus: null })
    await recordConsensus(w.db, {
      ...base,
      agreedBy: three,
      outsideThresholdReason: '专家组复核后认为结果部分评分偏低',
    })
    const ranked = (await cycleRanking(w.db, w.cycle.id))
      .get('economy')!
      .find((entry) => entry.applicationId === app.id)!
    expect(ranked).toMatchObject({ consensus: 'outsideThreshold', total: 95000 })
    expect((await listAudit(w.db, 'application', app.id)).at(-1)?.reason).toContain('专家组复核后认为结果部分评分偏低')
  })

  it('lets the committee decide straight away when reviewers agree within the threshold', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    for (const [i, percentage] of [60, 65, 70].entries()) await submitSheet(w, app.id, w.reviewers[i]!, percentage)
    const row = await loadApplicationForUpdate(w.db, app.id)
    await decideApplication(w.db, {
      applicationId: app.id,
      actor: w.admin,
      expectedVersion: row!.version,
      levelId: null,
      reason: '',
    })
    expect((await loadApplicationForUpdate(w.db, app.id))?.status).toBe('decided')
  })
})

describe('quotas', () => {
  it('refuses a decision for a level whose places are all taken, and allows it once one is freed', async () => {
    const w = await world()
    const third = await createApplicantAccount(w.db, {
      n: w.cycle.year * 10 + 7,
      name: '丙公司',
      email: `c-${w.cycle.year}@t.example`,
      password: 'password-123',
    })
    const applications = []
    for (const actor of [w.applicant, w.otherApplicant, third]) {
      const app = await inDocumentReview(w, actor)
      for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, app.id, reviewer, 90)
      applications.push(app)
    }
    const gold = await w.db
      .selectFrom('award_levels')
      .selectAll()
      .where('cycle_id', '=', w.cycle.id)
      .where('category_code', '=', 'economy')
      .where('code', '=', 'gold')
      .executeTakeFirstOrThrow()
    expect(gold.quota).toBe(2)
    const version = async (id: number) => (await loadApplicationForUpdate(w.db, id))!.version
    for (const app of applications.slice(0, 2)) {
      await decideApplication(w.db, {
        applicationId: app.id,
        actor: w.admin,
        expectedVersion: await version(app.id),
        levelId: gold.id,
        reason: '',
      })
    }
    const full = await rejection(
      decideApplication(w.db, {
        applicationId: applications[2]!.id,
        actor: w.admin,
        expectedVersion: await version(applications[2]!.id),
        levelId: gold.id,
        reason: '',
      }),
    )
    expect(full.messageKey).toBe('errors.quotaFull')
    expect(full.vars).toEqual({ quota: 2 })
    // Re-deciding a holder at the same level does not count it twice.
    await decideApplication(w.db, {
      applicationId: applications[0]!.id,
      actor: w.admin,
      expectedVersion: await version(applications[0]!.id),
      levelId: gold.id,
      reason: '维持',
    })
    await decideApplication(w.db, {
      applicationId: applications[1]!.id,
      actor: w.admin,
      expectedVersion: await version(applications[1]!.id),
      levelId: null,
      reason: '改为不授奖',
    })
    await decideApplication(w.db, {
      applicationId: applications[2]!.id,
      actor: w.admin,
      expectedVersion: await version(applications[2]!.id),
      levelId: gold.id,
      reason: '',
    })
    expect((await loadApplicationForUpdate(w.db, applications[2]!.id))?.decision_level_id).toBe(gold.id)
  })
})

describe('public notice (公示), objections (异议) and publication', () => {
  const monday = '2030-01-07T02:00:00.000Z' // 10:00 Beijing; five working days end Friday 24:00 Beijing
  const wednesday = '2030-01-09T02:00:00.000Z'
  const afterNotice = '2030-01-11T16:00:00.000Z'

  async function twoScored() {
    const w = await world()
    const winner = await inDocumentReview(w, w.applicant)
    const other = await inDocumentReview(w, w.otherApplicant)
    for (const reviewer of w.reviewers.slice(0, 3)) {
      await submitSheet(w, winner.id, reviewer, 80)
      await submitSheet(w, other.id, reviewer, 40)
    }
    const gold = await w.db
      .selectFrom('award_levels')
      .select('id')
      .where('cycle_id', '=', w.cycle.id)
      .where('category_code', '=', 'economy')
      .where('code', '=', 'gold')
      .executeTakeFirstOrThrow()
    const decide = async (id: number, levelId: number | null, reason = '') =>
      decideApplication(w.db, {
        applicationId: id,
        actor: w.admin,
        expectedVersion: (await loadApplicationForUpdate(w.db, id))!.version,
        levelId,
        reason,
      })
    return { w, winner, other, gold, decide }
  }

  it('starts the notice only when no application of the cycle is still in review', async () => {
    const w = await world()
    const decided = await inDocumentReview(w, w.applicant)
    for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, decided.id, reviewer, 80)
    await decideApplication(w.db, {
      applicationId: decided.id,
      actor: w.admin,
      expectedVersion: (await loadApplicationForUpdate(w.db, decided.id))!.version,
      levelId: null,
      reason: '',
    })
    const stillInReview = await inDocumentReview(w, w.otherApplicant)
    const refused = await rejection(startPublicNotice(w.db, { cycleId: w.cycle.id, actor: w.admin, now: monday }))
    expect(refused).toMatchObject({ messageKey: 'errors.undecided', vars: { count: 1 } })
    await applyApplicationEvent(w.db, {
      applicationId: stillInReview.id,
      actor: w.otherApplicant,
      event: { type: 'WITHDRAW', reason: '退出' },
      expectedVersion: stillInReview.version,
    })
    expect((await startPublicNotice(w.db, { cycleId: w.cycle.id, actor: w.admin, now: monday })).onNotice).toBe(1)
  })

  it('needs a reason for a decision that departs from the ranking, and records it', async () => {
    const { w, winner, other, gold, decide } = await twoScored()
    // The first-ranked is not awarded: nothing is decided below it yet, so no departure.
    await decide(winner.id, null)
    // Gold for the second-ranked while the first got nothing: a departure, refused without a reason.
    expect((await rejection(decide(other.id, gold.id))).messageKey).toBe('errors.departureNeedsReason')
    expect((await loadApplicationForUpdate(w.db, other.id))!.status).toBe('scored')
    await decide(other.id, gold.id, '第一名存在未整改的质量事故')
    expect(await loadApplicationForUpdate(w.db, other.id)).toMatchObject({
      status: 'decided',
      decision_reason: '第一名存在未整改的质量事故',
    })
    expect((await listAudit(w.db, 'application', other.id)).at(-1)).toMatchObject({
      event: 'DECIDE',
      reason: '第一名存在未整改的质量事故',
    })
    // Revising the first-ranked to nothing again, with gold below it, departs too.
    expect((await rejection(decide(winner.id, null))).messageKey).toBe('errors.departureNeedsReason')
  })

  const objection = (applicationId: number, now = wednesday) => ({
    applicationId,
    name: '林某',
    organisation: '',
    phone: '13700001111',
    email: 'lin@example.com',
    content: '该单位2029年发生质量事故，未如实申报。',
    evidence: '市场监管局2029年第12号通报',
    now,
  })

  it('puts decisions on notice only when all are decided, has them approved after the notice, and publishes all at once only then', async () => {
    const { w, winner, other, gold, decide } = await twoScored()
    const approve = (options: { now: string; actor?: Actor; documentNumber?: string }) =>
      approveResults(w.db, {
        cycleId: w.cycle.id,
        actor: options.actor ?? w.admin,
        expectedVersion: 1,
        documentNumber: options.documentNumber ?? '深府函〔2030〕5号',
        approvedOn: options.now.slice(0, 10),
        now: options.now,
      })
    await decide(winner.id, gold.id)
    expect(
      (await rejection(startPublicNotice(w.db, { cycleId: w.cycle.id, actor: w.admin, now: monday }))).messageKey,
    ).toBe('errors.undecided')
    await decide(other.id, null, '得分未达金奖线')
    expect((await rejection(approve({ now: monday }))).messageKey).toBe('errors.noticeNotStarted')
    expect(
      (await rejection(publishResults(w.db, { cycleId: w.cycle.id, actor: w.admin, expectedVersion: 1, now: monday })))
        .messageKey,
    ).toBe('errors.noticeNotStarted')
    expect(
      (await rejection(startPublicNotice(w.db, { cycleId: w.cycle.id, actor: w.reviewers[0]!, now: monday }))).status,
    ).toBe(403)

    expect(await startPublicNotice(w.db, { cycleId: w.cycle.id, actor: w.admin, now: monday })).toEqual({
      onNotice: 2,
      endsAt: afterNotice,
      unknownYears: [],
    })
    // The public sees the proposed winner only, not who was turned down.
    expect((await listApplicationsOnNotice(w.db, w.cycle.id)).map((r) => [r.organisation_name, r.level_zh])).toEqual([
      ['甲公司', '金奖'],
    ])
    expect((await rejection(approve({ now: wednesday }))).messageKey).toBe('errors.noticeRunning')
    expect((await listPublishedWinners(w.db)).filter((r) => r.year === w.cycle.year)).toEqual([])
    expect((await rejection(approve({ now: afterNotice, actor: w.reviewers[0]! }))).status).toBe(403)
    // Not before the city's approval: publication waits for it.
    expect(
      (
        await rejection(
          publishResults(w.db, { cycleId: w.cycle.id, actor: w.admin, expectedVersion: 1, now: afterNotice }),
        )
      ).messageKey,
    ).toBe('errors.notApproved')
    expect((await rejection(approve({ now: afterNotice, documentNumber: ' ' }))).messageKey).toBe('errors.required')
    expect(await approve({ now: afterNotice })).toEqual({ approved: 2 })
    expect(await getCycle(w.db, w.cycle.id)).toMatchObject({
      approval_document: '深府函〔2030〕5号',
      approved_on: afterNotice.slice(0, 10),
    })
    expect((await loadApplicationForUpdate(w.db, winner.id))?.status).toBe('approved')
    expect((await listPublishedWinners(w.db)).filter((r) => r.year === w.cycle.year)).toEqual([])
    expect(
      (
        await rejection(
          publishResults(w.db, { cycleId: w.cycle.id, actor: w.reviewers[0]!, expectedVersion: 2, now: afterNotice }),
        )
      ).status,
    ).toBe(403)

    expect(
      await publishResults(w.db, { cycleId: w.cycle.id, actor: w.admin, expectedVersion: 2, now: afterNotice }),
    ).toEqual({ published: 2 })
    const winners = (await listPublishedWinners(w.db)).filter((r) => r.year === w.cycle.year)
    expect(winners.map((r) => [r.organisation_name, r.level_zh])).toEqual([['甲公司', '金奖']])
    expect((await loadApplicationForUpdate(w.db, other.id))?.status).toBe('published')
    expect((await getCycle(w.db, w.cycle.id))?.results_published_at).toBe(afterNotice)
    expect(
      (await rejection(publishResults(w.db, { cycleId: w.cycle.id, actor: w.admin, expectedVersion: 3 }))).messageKey,
    ).toBe('errors.alreadyPublished')
  })

  it('holds publication while an objection is open, and publishes once it is dismissed', async () => {
    const { w, winner, other, gold, decide } = await twoScored()
    await decide(winner.id, gold.id)
    await decide(other.id, null)
    await startPublicNotice(w.db, { cycleId: w.cycle.id, actor: w.admin, now: monday })
    const { id } = await fileObjection(w.db, objection(winner.id))
    const adminEmail = (
      await w.db.selectFrom('users').select('email').where('id', '=', w.admin.userId).executeTakeFirstOrThrow()
    ).email
    const told = await w.db
      .selectFrom('outbox')
      .select(['kind', 'payload'])
      .where('recipient', '=', adminEmail)
      .execute()
    expect(
      told.filter((m) => m.kind === 'objection.FILED' && JSON.parse(m.payload).applicationId === winner.id),
    ).toHaveLength(1)
    const blocked = await rejection(
      approveResults(w.db, {
        cycleId: w.cycle.id,
        actor: w.admin,
        expectedVersion: 1,
        documentNumber: '深府函〔2030〕5号',
        approvedOn: afterNotice.slice(0, 10),
        now: afterNotice,
      }),
    )
    expect(blocked).toMatchObject({ messageKey: 'errors.openObjections', vars: { name: '甲公司' } })
    // Through another application's page the objection is not found, and stays open.
    const elsewhere = await rejection(
      resolveObjection(w.db, {
        applicationId: other.id,
        objectionId: id,
        actor: w.admin,
        outcome: 'upheld',
        resolution: '借道改判',
      }),
    )
    expect(elsewhere.status).toBe(404)
    expect(await getObjection(w.db, id)).toMatchObject({ status: 'open', resolution: null })
    await resolveObjection(w.db, {
      applicationId: winner.id,
      objectionId: id,
      actor: w.admin,
      outcome: 'dismissed',
      resolution: '经核查，通报涉及的是另一家同名企业。',
      now: afterNotice,
    })
    expect(await getObjection(w.db, id)).toMatchObject({
      status: 'dismissed',
      resolved_by: w.admin.userId,
      resolved_at: afterNotice,
    })
    // The objector was given a reference on filing and is told the outcome under it.
    const objectorMail = (
      await w.db
        .selectFrom('outbox')
        .select(['kind', 'payload'])
        .where('recipient', '=', objection(winner.id).email)
        .execute()
    ).filter((m) => JSON.parse(m.payload).applicationId === winner.id)
    expect(objectorMail.map((m) => m.kind)).toEqual(['objection.RECEIVED', 'objection.DISMISSED'])
    expect(JSON.parse(objectorMail[0]!.payload).reason).toMatch(/^GS\d{4}-\d{5}$/)
    expect(JSON.parse(objectorMail[1]!.payload).reason).toMatch(/^GS\d{4}-\d{5}: 经核查/)
    expect(
      (
        await rejection(
          resolveObjection(w.db, {
            applicationId: winner.id,
            objectionId: id,
            actor: w.admin,
            outcome: 'upheld',
            resolution: '改判',
          }),
        )
      ).messageKey,
    ).toBe('errors.objectionResolved')
    expect(await approveAndPublish(w, afterNotice)).toEqual({ published: 2 })
  })

  it('sends the decision back to the committee when an objection is upheld, then takes the new decision through notice again', async () => {
    const { w, winner, other, gold, decide } = await twoScored()
    await decide(winner.id, gold.id)
    await decide(other.id, null)
    await startPublicNotice(w.db, { cycleId: w.cycle.id, actor: w.admin, now: monday })
    const { id } = await fileObjection(w.db, objection(winner.id))
    await resolveObjection(w.db, {
      applicationId: winner.id,
      objectionId: id,
      actor: w.admin,
      outcome: 'upheld',
      resolution: '异议属实，提请评审委员会重新审定。',
      now: wednesday,
    })
    expect(await loadApplicationForUpdate(w.db, winner.id)).toMatchObject({ status: 'decided', notice_ends_at: null })
    expect((await listAudit(w.db, 'application', winner.id)).at(-1)).toMatchObject({
      event: 'REOPEN_DECISION',
      reason: '异议属实，提请评审委员会重新审定。',
    })

    expect(
      (
        await rejection(
          approveResults(w.db, {
            cycleId: w.cycle.id,
            actor: w.admin,
            expectedVersion: 1,
            documentNumber: '深府函〔2030〕5号',
            approvedOn: afterNotice.slice(0, 10),
            now: afterNotice,
          }),
        )
      ).messageKey,
    ).toBe('errors.noticeNotStarted')
    const silver = await w.db
      .selectFrom('award_levels')
      .select('id')
      .where('cycle_id', '=', w.cycle.id)
      .where('category_code', '=', 'economy')
      .where('code', '=', 'silver')
      .executeTakeFirstOrThrow()
    await decide(winner.id, silver.id, '降为银奖')
    const second = await startPublicNotice(w.db, { cycleId: w.cycle.id, actor: w.admin, now: afterNotice })
    expect(second.onNotice).toBe(1)
    await approveAndPublish(w, '2030-01-20T00:00:00.000Z')
    expect((await listPublishedWinners(w.db)).filter((r) => r.year === w.cycle.year).map((r) => r.level_zh)).toEqual([
      '银奖',
    ])
  })

  it('takes at most five objections a day from one e-mail address', async () => {
    const { w, winner, other, gold, decide } = await twoScored()
    await decide(winner.id, gold.id)
    await decide(other.id, null)
    await startPublicNotice(w.db, { cycleId: w.cycle.id, actor: w.admin, now: monday })
    const busy = { ...objection(winner.id), email: 'busy@example.com' }
    for (let i = 0; i < 5; i++) await fileObjection(w.db, { ...busy, content: `第${i + 1}份异议` })
    expect((await rejection(fileObjection(w.db, busy))).messageKey).toBe('errors.tooManyObjections')
    expect((await fileObjection(w.db, { ...objection(winner.id), email: 'another@example.com' })).id).toBeGreaterThan(0)
  })

  it('accepts objections only against a proposed award, and only during its notice', async () => {
    const { w, winner, other, gold, decide } = await twoScored()
    expect((await rejection(fileObjection(w.db, objection(winner.id)))).status).toBe(404) // not on notice yet
    await decide(winner.id, gold.id)
    await decide(other.id, null)
    await startPublicNotice(w.db, { cycleId: w.cycle.id, actor: w.admin, now: monday })
    expect((await rejection(fileObjection(w.db, objection(other.id)))).status).toBe(404) // not a proposed award
    expect((await rejection(fileObjection(w.db, objection(winner.id, afterNotice)))).messageKey).toBe(
      'errors.noticeOver',
    )
    expect(
      (
        await rejection(
          resolveObjection(w.db, {
            applicationId: 1,
            objectionId: 1,
            actor: w.reviewers[0]!,
            outcome: 'dismissed',
            resolution: 'x',
          }),
        )
      ).status,
    ).toBe(403)
  })
})
