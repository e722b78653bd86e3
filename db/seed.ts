import type { Actor } from '#workflows/application/application.policy'
import {
  applyApplicationEvent,
  decideApplication,
  startApplication,
  submitApplication,
} from '#workflows/application/application.server'
import { approveResults, publishResults, startPublicNotice } from '#workflows/cycle/cycle.server'
import { enterOfficialCalendar, officialCalendar } from '#workflows/cycle/calendar.server'
import {
  assignReviewer,
  drawForApplication,
  respondToAssignment,
  saveScoreSheet,
} from '#workflows/review/review.server'
import { shortlistCategory } from '#workflows/review/shortlist.server'
import { saveDefenceSheet, scheduleDefence } from '#workflows/stages/defence.server'
import { declarePanelSeat } from '#workflows/stages/panel-declaration.server'
import { documentReference, saveSiteVisitSheet, scheduleSiteVisit } from '#workflows/stages/site-visit.server'
import { confirmSchedule } from '#workflows/stages/confirm.server'
import { replaceRelations } from './repositories/experts'
import type { DB } from './client.server'
import {
  createApplicantAccount,
  createAwardCycle,
  createCompleteDraft,
  createStaffAccount,
  acceptIntoReview,
} from './factories'
import { getCriteriaTree } from './repositories/criteria'
import { addDays, beijingToday } from '#workflows/time'

export const demoPassword = 'award-demo-2026'

/**
 * The demo's accounts. The secretariat's account holds the three offices that act, so that one person can walk a
 * whole cycle (the staff page marks it as combining duties the rules separate); the agency, two committee members
 * and a supervisor each hold one office (issue 22).
 */
export const demoLogins = [
  { role: 'admin', email: 'secretariat@award.example', name: '市长质量奖秘书处' },
  { role: 'admin', email: 'agency@award.example', name: '孙丽', offices: ['agency'] },
  { role: 'admin', email: 'committee1@award.example', name: '王磊', offices: ['committee'] },
  { role: 'admin', email: 'committee2@award.example', name: '林芳', offices: ['committee'] },
  { role: 'admin', email: 'supervisor@award.example', name: '赵敏', offices: ['supervisor'] },
  { role: 'reviewer', email: 'reviewer1@award.example', name: '陈静' },
  { role: 'reviewer', email: 'reviewer2@award.example', name: '刘洋' },
  { role: 'reviewer', email: 'reviewer3@award.example', name: '张伟' },
  { role: 'reviewer', email: 'reviewer4@award.example', name: '黄敏' },
  { role: 'reviewer', email: 'reviewer5@award.example', name: '周婷' },
  { role: 'applicant', email: 'apply@pengcheng-electronics.example', name: '鹏城电子有限公司' },
  { role: 'applicant', email: 'apply@qianhai-logistics.example', name: '前海物流集团' },
  { role: 'applicant', email: 'apply@nanshan-hospital.example', name: '南山医疗服务中心' },
  { role: 'applicant', email: 'apply@shenzhenbay-instruments.example', name: '深圳湾精密仪器有限公司' },
  { role: 'applicant', email: 'apply@futian-media.example', name: '福田文化传媒集团' },
  { role: 'applicant', email: 'apply@baoan-precision.example', name: '宝安精密制造有限公司' },
  { role: 'applicant', email: 'apply@longgang-energy.example', name: '龙岗新能源科技有限公司' },
  { role: 'applicant', email: 'apply@guangming-biotech.example', name: '光明生物医药有限公司' },
] as const

/** The demo pool: fields, industries and current employers of the five experts. */
const experts = [
  { expertise: '质量管理', industries: ['manufacturing', 'electronics'], employer: '深圳大学' },
  { expertise: '电子信息', industries: ['electronics', 'software'], employer: '南方科技大学' },
  { expertise: '财务', industries: ['finance', 'publicService'], employer: '深圳市注册会计师协会' },
  { expertise: '物流', industries: ['logistics', 'manufacturing'], employer: '深圳技术大学' },
  { expertise: '医疗', industries: ['healthcare', 'publicService'], employer: '深圳市卫生健康发展研究中心' },
]

/** Demo data: one cycle, the secretariat, five reviewers and three applicants in different states. */
export async function seedDemo(db: DB, year = new Date().getUTCFullYear()): Promise<void> {
  const cycle = await createAwardCycle(db, year)
  const [adminLogin, ...rest] = demoLogins
  const admin = await createStaffAccount(db, {
    role: 'admin',
    name: adminLogin.name,
    email: adminLogin.email,
    password: demoPassword,
  })
  for (const login of rest)
    if ('offices' in login)
      await createStaffAccount(db, {
        role: 'admin',
        name: login.name,
        email: login.email,
        password: demoPassword,
        offices: login.offices,
      })
  const reviewers = []
  for (const [i, login] of rest.filter((l) => l.role === 'reviewer').entries()) {
    const expert = experts[i]!
    reviewers.push(
      await createStaffAccount(db, {
        role: 'reviewer',
        name: login.name,
        email: login.email,
        password: demoPassword,
        ...expert,
      }),
    )
  }
  const applicants = []
  for (const [i, login] of rest.filter((l) => l.role === 'applicant').entries()) {
    applicants.push(
      await createApplicantAccount(db, { n: 1000 + i, name: login.name, email: login.email, password: demoPassword }),
    )
  }
  const [drafting, inEligibility, inReview, pastGold, pastSilver, atDefence, atSiteVisit, atCommittee] = applicants as [
    Actor,
    Actor,
    Actor,
    Actor,
    Actor,
    Actor,
    Actor,
    Actor,
  ]
  await seedPublishedCycle(db, year - 1, admin, reviewers.slice(0, 3), [
    { actor: pastGold, categoryCode: 'economy', level: 'gold', percentage: 85 },
    { actor: pastSilver, categoryCode: 'culture', level: 'silver', percentage: 75 },
  ])

  // 鹏城电子: a draft that has only just been started.
  await startApplication(db, drafting, cycle.id)

  // 前海物流: submitted, under eligibility review.
  const b = await createCompleteDraft(db, inEligibility, cycle.id, { categoryCode: 'service' })
  const bSubmitted = await submitApplication(db, {
    applicationId: b.id,
    actor: inEligibility,
    expectedVersion: b.version,
  })
  await applyApplicationEvent(db, {
    applicationId: b.id,
    actor: admin,
    event: { type: 'START_ELIGIBILITY_REVIEW' },
    expectedVersion: bSubmitted.version,
  })

  // 南山医疗: accepted and in document review, three experts drawn (by a fixed seed, so the demo is the same each
  // time) and invited. 周婷 advised it until last year: the draw excludes her for that conflict.
  await db.updateTable('cycles').set({ reviewers_per_application: 3 }).where('id', '=', cycle.id).execute()
  const zhouTing = await db
    .selectFrom('experts')
    .select('id')
    .where('user_id', '=', reviewers[4]!.userId)
    .executeTakeFirstOrThrow()
  await replaceRelations(db, zhouTing.id, [
    { kind: 'consultingClient', name: '南山医疗服务中心', uscc: null, endedOn: `${year - 1}-06-30` },
  ])
  const c = await createCompleteDraft(db, inReview, cycle.id, { categoryCode: 'society' })
  await acceptIntoReview(db, { draft: c, applicant: inReview, admin })
  await drawForApplication(db, { applicationId: c.id, actor: admin, seed: 2026 })

  await seedSecondHalf(db, cycle.id, admin, reviewers, { atDefence, atSiteVisit, atCommittee })
}

/** An application accepted and scored by the given reviewers at about `percentage` (a step apart), with comments. */
async function scoredByReviewers(
  db: DB,
  applicationId: number,
  admin: Actor,
  reviewers: Actor[],
  percentage: number,
  now?: string,
): Promise<void> {
  const cycle = await db
    .selectFrom('applications')
    .innerJoin('cycles', 'cycles.id', 'applications.cycle_id')
    .select('cycles.edition_id')
    .where('applications.id', '=', applicationId)
    .executeTakeFirstOrThrow()
  const items = (await getCriteriaTree(db, cycle.edition_id)).categories
  for (const reviewer of reviewers)
    await assignReviewer(db, { applicationId, reviewerId: reviewer.userId, actor: admin, now })
  for (const [i, reviewer] of reviewers.entries()) {
    await respondToAssignment(db, { applicationId, actor: reviewer, answer: 'accept', now })
    await saveScoreSheet(db, {
      applicationId,
      actor: reviewer,
      expectedVersion: null,
      // Reviewers a step apart around the entry's level, as real sheets are.
      scores: new Map(items.flatMap((c) => c.items.map((item) => [item.id, percentage + (i - 1) * 5] as const))),
      comments: new Map(
        items.map(
          (c) =>
            [
              c.id,
              {
                strengths: `${c.name_zh}：方法系统，展开充分。`,
                opportunities: `${c.name_zh}：对比数据不足，建议引入行业标杆。`,
              },
            ] as const,
        ),
      ),
      submit: true,
      now,
    })
  }
}

/** A Beijing date (and optionally time) some days from now: the demo's slots lie ahead of whoever starts it. */
function daysAhead(days: number, time?: string): string {
  const date = addDays(beijingToday(), days)
  return time ? `${date}T${time}` : date
}

/**
 * The second half on first start: three economy entries shortlisted, one with its defence slot set, one defended
 * and with its site visit planned, one with all three scores awaiting the committee. Panels of three and teams of
 * two from the five experts, drawn with fixed seeds so the demo is the same each time.
 */
async function seedSecondHalf(
  db: DB,
  cycleId: number,
  admin: Actor,
  reviewers: Actor[],
  applicants: { atDefence: Actor; atSiteVisit: Actor; atCommittee: Actor },
) {
  await db
    .updateTable('cycles')
    // Four places: the three entries below hold three, one is left for an entry scored later (the browser journey's).
    .set({ shortlist_size: 4, defence_panel_size: 3, site_visit_team_size: 2 })
    .where('id', '=', cycleId)
    .execute()
  // Each judged itself (self-scores, issue 23): one too kindly, one right, one too modestly.
  const entries = [
    { actor: applicants.atDefence, percentage: 70, selfScore: '80' },
    { actor: applicants.atSiteVisit, percentage: 75, selfScore: '75' },
    { actor: applicants.atCommittee, percentage: 80, selfScore: '70' },
  ]
  const ids: number[] = []
  for (const entry of entries) {
    const draft = await createCompleteDraft(db, entry.actor, cycleId, {
      categoryCode: 'economy',
      selfScore: entry.selfScore,
    })
    await acceptIntoReview(db, { draft, applicant: entry.actor, admin })
    await scoredByReviewers(db, draft.id, admin, reviewers.slice(0, 3), entry.percentage)
    ids.push(draft.id)
  }
  await shortlistCategory(db, { cycleId, categoryCode: 'economy', shortlisted: ids, reason: '', actor: admin })
  const versionOf = async (id: number) =>
    (await db.selectFrom('applications').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version
  const byId = new Map(reviewers.map((r) => [r.userId, r]))
  const tree = await getCriteriaTree(
    db,
    (await db.selectFrom('cycles').select('edition_id').where('id', '=', cycleId).executeTakeFirstOrThrow()).edition_id,
  )
  const places = ['市民中心B区301会议室', '市民中心B区302会议室', '腾讯会议 512-2026-0301']
  // Stages already done happened in the past: they were scheduled, held and scored before today.
  const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString()
  for (const [i, id] of ids.entries()) {
    const held = i > 0
    const panel = await scheduleDefence(db, {
      applicationId: id,
      startsAt: daysAhead(held ? -20 + i : 7, '09:30'),
      minutes: 40,
      place: places[i]!,
      actor: admin,
      expectedVersion: await versionOf(id),
      seed: 19580 + i,
      now: held ? ago(30) : undefined,
    })
    if (!held) continue
    await confirmSchedule(db, { applicationId: id, stage: 'defence', actor: entries[i]!.actor, now: ago(28) })
    for (const [k, userId] of panel.entries()) {
      await declarePanelSeat(db, {
        stage: 'defence',
        applicationId: id,
        actor: byId.get(userId)!,
        declaration: { conflict: false },
        now: ago(27),
      })
      await saveDefenceSheet(db, {
        applicationId: id,
        actor: byId.get(userId)!,
        expectedVersion: null,
        submit: true,
        now: ago(19 - i),
        scores: new Map(tree.categories.map((c) => [c.id, entries[i]!.percentage - 5 + k * 5] as const)),
        notes:
          ['陈述条理清晰，经营结果数据详实。', '对标分析深入，改进成效可验证。', '建议加强质量文化在一线的展开。'][k] ??
          '',
      })
    }
    const visited = i === 2
    const team = await scheduleSiteVisit(db, {
      applicationId: id,
      visitDate: daysAhead(visited ? -8 : 21),
      address: ['深圳市龙岗区宝龙街道新能源产业园', '深圳市光明区生物医药创新产业园'][i - 1]!,
      actor: admin,
      expectedVersion: await versionOf(id),
      seed: 2012 + i,
      now: ago(15),
    })
    if (!visited) continue
    await confirmSchedule(db, { applicationId: id, stage: 'siteVisit', actor: entries[i]!.actor, now: ago(13) })
    for (const userId of team)
      await declarePanelSeat(db, {
        stage: 'siteVisit',
        applicationId: id,
        actor: byId.get(userId)!,
        declaration: { conflict: false },
        now: ago(12),
      })
    const reference = await documentReference(db, id)
    const items = new Map<number, { percentage: number; note: string }>(
      tree.categories.flatMap((c) =>
        c.items.map((item) => [item.id, { percentage: reference.get(item.id)!, note: '' }]),
      ),
    )
    // The team found one item weaker on site than on paper.
    const adjusted = tree.categories[3]!.items[0]!
    items.set(adjusted.id, {
      percentage: reference.get(adjusted.id)! - 10,
      note: '抽查近三个月设备点检记录，部分缺项。',
    })
    const visit = await db
      .selectFrom('site_visits')
      .select('version')
      .where('application_id', '=', id)
      .executeTakeFirstOrThrow()
    await saveSiteVisitSheet(db, {
      applicationId: id,
      actor: byId.get(team[0]!)!,
      items,
      submit: true,
      expectedVersion: visit.version,
      now: ago(7),
      findings: [{ severity: 'minor', text: '设备点检记录部分缺项，建议纳入日常巡检。' }],
    })
  }
}

/**
 * Last year's cycle, carried through every stage with last year's dates, so the public results page has
 * winners on first start and the history shows what a finished file looks like.
 */
async function seedPublishedCycle(
  db: DB,
  year: number,
  admin: Actor,
  reviewers: Actor[],
  entries: Array<{ actor: Actor; categoryCode: string; level: string; percentage: number }>,
): Promise<void> {
  const at = (monthDay: string) => `${year}-${monthDay}T02:00:00.000Z`
  // Its stages in their order: intake to the end of March (Beijing time), then review, decisions, notice, approval.
  const cycle = await createAwardCycle(db, year, { deadline: `${year}-03-31T15:59:59.999Z` })
  for (const entry of entries) {
    const draft = await createCompleteDraft(db, entry.actor, cycle.id, {
      categoryCode: entry.categoryCode,
      now: at('03-02'),
    })
    await acceptIntoReview(db, {
      draft,
      applicant: entry.actor,
      admin,
      at: { submit: at('03-20'), start: at('04-08'), checks: at('04-12'), accept: at('04-15') },
    })
    await scoredByReviewers(db, draft.id, admin, reviewers, entry.percentage, at('06-10'))
    const level = await db
      .selectFrom('award_levels')
      .select('id')
      .where('cycle_id', '=', cycle.id)
      .where('category_code', '=', entry.categoryCode)
      .where('code', '=', entry.level)
      .executeTakeFirstOrThrow()
    const row = await db
      .selectFrom('applications')
      .select('version')
      .where('id', '=', draft.id)
      .executeTakeFirstOrThrow()
    await decideApplication(db, {
      applicationId: draft.id,
      actor: admin,
      expectedVersion: row.version,
      levelId: level.id,
      reason: '',
      now: at('10-20'),
    })
  }
  // A notice counts working days of the official calendar, which must be known for its year: where the built-in
  // data does not have it yet (a demo started years after the package's release), the secretariat's entry of it.
  if (!(await officialCalendar(db)).knownYears.has(year))
    await enterOfficialCalendar(db, {
      actor: admin,
      cycleId: cycle.id,
      year,
      holidays: [`${year}-01-01`],
      workdays: [],
      now: at('10-30'),
    })
  await startPublicNotice(db, { cycleId: cycle.id, actor: admin, now: at('11-02') })
  await approveResults(db, {
    cycleId: cycle.id,
    actor: admin,
    expectedVersion: 1,
    documentNumber: `深府函〔${year}〕128号`,
    approvedOn: `${year}-11-18`,
    now: at('11-18'),
  })
  await publishResults(db, { cycleId: cycle.id, actor: admin, expectedVersion: 2, now: at('11-20') })
}
