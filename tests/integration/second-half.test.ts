import { describe, expect, it } from 'vitest'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import { listAudit } from '../../db/repositories/audit'
import {
  getDefence,
  getSiteVisit,
  listPanel,
  listPanelDraws,
  listSiteVisitFindings,
} from '../../db/repositories/stages'
import { decideApplication } from '../../workflows/application/application.server'
import { respondToAssignment } from '../../workflows/review/review.server'
import { cycleRanking } from '../../workflows/review/standings.server'
import { confirmSchedule } from '../../workflows/stages/confirm.server'
import { saveDefenceSheet, scheduleDefence } from '../../workflows/stages/defence.server'
import { documentReference, saveSiteVisitSheet, scheduleSiteVisit } from '../../workflows/stages/site-visit.server'
import {
  atSiteVisit,
  beforeSlots,
  confirmSlot,
  declareNoConflict,
  inDocumentReview,
  rejection,
  scoreDefence,
  shortlistEconomy,
  submitSheet,
  throughSecondHalf,
  type World,
  world,
} from './helpers'

/** One economy entry scored 80 % on every item by three reviewers, shortlisted, with panels of 3 and teams of 2. */
async function shortlisted() {
  const w = await world()
  await w.db
    .updateTable('cycles')
    .set({ shortlist_size: 1, defence_panel_size: 3, site_visit_team_size: 2 })
    .where('id', '=', w.cycle.id)
    .execute()
  const application = await inDocumentReview(w, w.applicant)
  for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, application.id, reviewer, 80)
  await shortlistEconomy(w, [application.id])
  const row = async () => (await loadApplicationForUpdate(w.db, application.id))!
  return { w, id: application.id, row }
}

const member = (w: World, userId: number) => w.reviewers.find((r) => r.userId === userId)!

/** Two economy entries scored 800 (the world's applicant) and 700 (the other), both shortlisted. */
async function twoShortlisted(w: World) {
  await w.db.updateTable('cycles').set({ shortlist_size: 2 }).where('id', '=', w.cycle.id).execute()
  const first = await inDocumentReview(w, w.applicant)
  const second = await inDocumentReview(w, w.otherApplicant)
  for (const reviewer of w.reviewers.slice(0, 3)) {
    await submitSheet(w, first.id, reviewer, 80)
    await submitSheet(w, second.id, reviewer, 70)
  }
  await shortlistEconomy(w, [first.id, second.id])
  return [first, second] as const
}

describe('a conflict declared in document review', () => {
  it('follows the expert: never drawn onto the same applicant\u2019s defence panel, and on the record why', async () => {
    const w = await world()
    await w.db
      .updateTable('cycles')
      .set({ shortlist_size: 1, defence_panel_size: 4, site_visit_team_size: 2 })
      .where('id', '=', w.cycle.id)
      .execute()
    const application = await inDocumentReview(w, w.applicant, w.reviewers)
    const declaring = w.reviewers[3]!
    await respondToAssignment(w.db, {
      applicationId: application.id,
      actor: declaring,
      answer: 'conflict',
      reason: '曾为该单位提供咨询服务',
    })
    for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, application.id, reviewer, 80)
    await shortlistEconomy(w, [application.id])
    const version = async () => (await loadApplicationForUpdate(w.db, application.id))!.version
    const slot = {
      applicationId: application.id,
      startsAt: '2030-03-02T09:00',
      minutes: 40,
      place: '市民中心B区301',
      actor: w.admin,
      now: beforeSlots,
      seed: 11,
    }
    // Four experts in the pool, one of whom declared a conflict: a panel of four cannot be filled.
    expect(await rejection(scheduleDefence(w.db, { ...slot, expectedVersion: await version() }))).toMatchObject({
      messageKey: 'errors.poolTooSmall',
      vars: { missing: 1 },
    })
    await w.db.updateTable('cycles').set({ defence_panel_size: 3 }).where('id', '=', w.cycle.id).execute()
    const panel = await scheduleDefence(w.db, { ...slot, expectedVersion: await version() })
    expect(panel).not.toContain(declaring.userId)
    const [draw] = await listPanelDraws(w.db, application.id)
    expect(JSON.parse(draw!.exclusions)).toEqual([{ expertId: declaring.userId, reason: 'declaredConflict' }])
  })
})

describe('defence (集中答辩)', () => {
  it('refuses two defences in one room at once and an expert on two panels at once, naming the clash', async () => {
    const w = await world()
    await w.db.updateTable('cycles').set({ defence_panel_size: 3 }).where('id', '=', w.cycle.id).execute()
    const [first, second] = await twoShortlisted(w)
    const version = async (id: number) => (await loadApplicationForUpdate(w.db, id))!.version
    const schedule = async (id: number, startsAt: string, place: string) =>
      scheduleDefence(w.db, {
        applicationId: id,
        startsAt,
        minutes: 40,
        place,
        actor: w.admin,
        now: beforeSlots,
        expectedVersion: await version(id),
        seed: 2,
      })
    const firstPanel = await schedule(first.id, '2030-03-02T09:00', '市民中心B区301')
    // The same room 20 minutes in, however its name is typed: refused, naming whose defence is there.
    expect(await rejection(schedule(second.id, '2030-03-02T09:20', ' 市民中心b区301 '))).toMatchObject({
      messageKey: 'errors.roomClash',
      field: 'place',
      vars: { name: '甲公司' },
    })
    // Back to back in the same room is no clash; the panel is drawn from whoever is free.
    const secondPanel = await schedule(second.id, '2030-03-02T09:40', '市民中心B区301')
    expect(secondPanel).toHaveLength(3)
    // Moved into the first defence's time in another room, its panel (three of the same four experts) would sit
    // twice at once: refused, naming one of them and the other defence.
    const shared = secondPanel.find((id) => firstPanel.includes(id))!
    expect(await rejection(schedule(second.id, '2030-03-02T09:10', '市民中心B区302'))).toMatchObject({
      messageKey: 'errors.expertClash',
      vars: { name: '甲公司', expert: member(w, shared) && expect.any(String) },
    })
    expect((await getDefence(w.db, second.id))!.starts_at).toBe('2030-03-02T09:40')
  })

  it('sets the slot, draws a panel without conflicts, lets the applicant confirm, and completes when every panel sheet is in', async () => {
    const { w, id, row } = await shortlisted()
    const slot = {
      applicationId: id,
      startsAt: '2030-03-02T09:00',
      minutes: 40,
      place: '市民中心B区301',
      actor: w.admin,
      now: beforeSlots,
      seed: 3,
    }
    expect(
      (
        await rejection(
          scheduleDefence(w.db, { ...slot, startsAt: '2029-05-31T09:00', expectedVersion: (await row()).version }),
        )
      ).field,
    ).toBe('date')
    expect(
      (await rejection(scheduleDefence(w.db, { ...slot, actor: w.applicant, expectedVersion: (await row()).version })))
        .status,
    ).toBe(403)
    // An expert employed by the applicant is never drawn: with one of four in conflict, a panel of 4 cannot be filled.
    const applicantOrg = await w.db
      .selectFrom('organisations')
      .select(['name', 'uscc'])
      .where('id', '=', w.applicant.organisationId!)
      .executeTakeFirstOrThrow()
    await w.db
      .updateTable('experts')
      .set({ employer_name: applicantOrg.name, employer_uscc: applicantOrg.uscc })
      .where('user_id', '=', w.reviewers[3]!.userId)
      .execute()
    await w.db.updateTable('cycles').set({ defence_panel_size: 4 }).where('id', '=', w.cycle.id).execute()
    expect(await rejection(scheduleDefence(w.db, { ...slot, expectedVersion: (await row()).version }))).toMatchObject({
      messageKey: 'errors.poolTooSmall',
      vars: { missing: 1 },
    })
    expect((await row()).status).toBe('shortlisted')
    await w.db.updateTable('cycles').set({ defence_panel_size: 3 }).where('id', '=', w.cycle.id).execute()

    const panel = await scheduleDefence(w.db, { ...slot, expectedVersion: (await row()).version })
    expect(panel.sort()).toEqual(
      w.reviewers
        .slice(0, 3)
        .map((r) => r.userId)
        .sort(),
    )
    expect((await row()).status).toBe('defenceScheduled')
    const [draw] = await listPanelDraws(w.db, id)
    expect(draw).toMatchObject({ stage: 'defence', seed: 3 })
    expect(JSON.parse(draw!.exclusions)).toEqual([
      expect.objectContaining({ expertId: w.reviewers[3]!.userId, reason: 'conflict' }),
    ])
    const told = await w.db
      .selectFrom('outbox')
      .select(['kind', 'payload'])
      .where('kind', 'in', ['application.SCHEDULE_DEFENCE', 'panel.defence'])
      .where('payload', 'like', `{"applicationId":${id},%`)
      .execute()
    expect(told.filter((m) => m.kind === 'panel.defence')).toHaveLength(3)
    expect(JSON.parse(told.find((m) => m.kind === 'application.SCHEDULE_DEFENCE')!.payload).reason).toBe(
      '2030-03-02 09:00–09:40 · 市民中心B区301',
    )

    // The applicant confirms; a moved slot keeps the panel and asks again.
    await confirmSchedule(w.db, { applicationId: id, stage: 'defence', actor: w.applicant })
    expect((await getDefence(w.db, id))!.confirmed_at).not.toBeNull()
    expect(
      (await rejection(confirmSchedule(w.db, { applicationId: id, stage: 'defence', actor: w.otherApplicant }))).status,
    ).toBe(404)
    const kept = await scheduleDefence(w.db, {
      ...slot,
      startsAt: '2030-03-03T14:00',
      expectedVersion: (await row()).version,
    })
    expect([...kept].sort()).toEqual([...panel].sort())
    expect(await getDefence(w.db, id)).toMatchObject({ starts_at: '2030-03-03T14:00', confirmed_at: null })

    // The sheet opens when the defence is held: after the applicant confirms the moved slot, from its start; and
    // for each member only after they declared no conflict with the applicant.
    const heldAt = '2030-03-03T06:00:00.000Z' // 14:00 Beijing time
    const undeclared = saveDefenceSheet(w.db, {
      applicationId: id,
      actor: member(w, panel[0]!),
      scores: new Map(),
      notes: '',
      submit: false,
      expectedVersion: null,
      now: heldAt,
    })
    expect((await rejection(undeclared)).messageKey).toBe('errors.declareFirst')
    for (const userId of panel) await declareNoConflict(w, 'defence', id, member(w, userId))
    const [opener] = panel.map((userId) => member(w, userId))
    const early = (now: string) =>
      rejection(
        saveDefenceSheet(w.db, {
          applicationId: id,
          actor: opener!,
          scores: new Map(w.tree.categories.map((c) => [c.id, 70] as const)),
          notes: '',
          submit: false,
          expectedVersion: null,
          now,
        }),
      )
    expect((await early(heldAt)).messageKey).toBe('errors.stageNotConfirmed')
    await confirmSchedule(w.db, { applicationId: id, stage: 'defence', actor: w.applicant })
    expect(await early('2030-03-03T05:59:00.000Z')).toMatchObject({
      messageKey: 'errors.stageNotBegun',
      vars: { at: '2030-03-03 14:00' },
    })
    const scores = new Map(w.tree.categories.map((c) => [c.id, 70] as const))
    const [first, second, third] = panel.map((userId) => member(w, userId))
    // Not on the panel: nothing to see. Incomplete: refused beside the first category left empty.
    expect(
      (
        await rejection(
          saveDefenceSheet(w.db, {
            now: heldAt,
            applicationId: id,
            actor: w.reviewers[3]!,
            scores,
            notes: '',
            submit: true,
            expectedVersion: null,
          }),
        )
      ).status,
    ).toBe(404)
    const partial = new Map([...scores].slice(1))
    expect(
      (
        await rejection(
          saveDefenceSheet(w.db, {
            now: heldAt,
            applicationId: id,
            actor: first!,
            scores: partial,
            notes: '',
            submit: true,
            expectedVersion: null,
          }),
        )
      ).field,
    ).toBe(`category_${w.tree.categories[0]!.id}`)
    expect(
      (
        await rejection(
          saveDefenceSheet(w.db, {
            now: heldAt,
            applicationId: id,
            actor: first!,
            scores: new Map([[w.tree.categories[0]!.id, 72]]),
            notes: '',
            submit: false,
            expectedVersion: null,
          }),
        )
      ).messageKey,
    ).toBe('errors.percentage')
    const draft = await saveDefenceSheet(w.db, {
      now: heldAt,
      applicationId: id,
      actor: first!,
      scores: partial,
      notes: '草稿',
      submit: false,
      expectedVersion: null,
    })
    expect(
      (
        await rejection(
          saveDefenceSheet(w.db, {
            now: heldAt,
            applicationId: id,
            actor: first!,
            scores,
            notes: '',
            submit: true,
            expectedVersion: draft.version - 1,
          }),
        )
      ).messageKey,
    ).toBe('errors.staleVersion')
    expect(
      await saveDefenceSheet(w.db, {
        now: heldAt,
        applicationId: id,
        actor: first!,
        scores,
        notes: '陈述清晰',
        submit: true,
        expectedVersion: draft.version,
      }),
    ).toMatchObject({ completed: false })
    expect(
      (
        await rejection(
          saveDefenceSheet(w.db, {
            now: heldAt,
            applicationId: id,
            actor: first!,
            scores,
            notes: '',
            submit: true,
            expectedVersion: draft.version + 1,
          }),
        )
      ).messageKey,
    ).toBe('errors.sheetAlreadySubmitted')
    await saveDefenceSheet(w.db, {
      now: heldAt,
      applicationId: id,
      actor: second!,
      scores,
      notes: '',
      submit: true,
      expectedVersion: null,
    })
    expect((await row()).status).toBe('defenceScheduled')
    expect(
      await saveDefenceSheet(w.db, {
        now: heldAt,
        applicationId: id,
        actor: third!,
        scores: new Map(w.tree.categories.map((c) => [c.id, 85] as const)),
        notes: '',
        submit: true,
        expectedVersion: null,
      }),
    ).toMatchObject({ completed: true })
    expect((await row()).status).toBe('defenceScored')
    const events = (await listAudit(w.db, 'application', id)).map((e) => e.event)
    expect(events.filter((e) => e === 'SUBMIT_DEFENCE_SHEET')).toHaveLength(3)
    expect(events.slice(-1)).toEqual(['COMPLETE_DEFENCE'])
  })
})

describe('site visit (现场核查)', () => {
  it('draws a team led by its first expert; only the leader records, adjustments need the evidence seen, and all items complete the stage', async () => {
    const { w, id, row } = await shortlisted()
    const panel = await scheduleDefence(w.db, {
      applicationId: id,
      startsAt: '2030-03-02T09:00',
      minutes: 40,
      place: '腾讯会议 123-456',
      actor: w.admin,
      now: beforeSlots,
      expectedVersion: (await row()).version,
      seed: 1,
    })
    await confirmSlot(w, id, 'defence')
    await scoreDefence(w, id, panel, 60)
    const visit = {
      applicationId: id,
      visitDate: '2030-03-20',
      address: '深圳市南山区科技园',
      actor: w.admin,
      now: beforeSlots,
      seed: 5,
    }
    expect(
      (await rejection(scheduleSiteVisit(w.db, { ...visit, address: ' ', expectedVersion: (await row()).version })))
        .field,
    ).toBe('address')
    const team = await scheduleSiteVisit(w.db, { ...visit, expectedVersion: (await row()).version })
    expect(team).toHaveLength(2)
    const members = await listPanel(w.db, 'siteVisit', id)
    expect(members[0]).toMatchObject({ expert_user_id: team[0], is_leader: 1 })
    expect((await row()).status).toBe('siteVisitScheduled')
    await confirmSchedule(w.db, { applicationId: id, stage: 'siteVisit', actor: w.applicant })

    const leader = member(w, team[0]!)
    const other = member(w, team[1]!)
    for (const expert of [leader, other]) await declareNoConflict(w, 'siteVisit', id, expert)
    const reference = await documentReference(w.db, id)
    const items = w.tree.categories.flatMap((c) => c.items)
    expect(items.every((item) => reference.get(item.id) === 80)).toBe(true)
    const confirmed = new Map<number, { percentage: number; note: string }>(
      items.map((item) => [item.id, { percentage: 80, note: '' }]),
    )
    const version = async () => (await getSiteVisit(w.db, id))!.version
    expect(
      (
        await rejection(
          saveSiteVisitSheet(w.db, {
            now: atSiteVisit,
            applicationId: id,
            actor: other,
            items: confirmed,
            findings: [],
            submit: true,
            expectedVersion: await version(),
          }),
        )
      ).messageKey,
    ).toBe('errors.leaderOnly')
    // One item adjusted to 60 % without a note: refused beside that item's note.
    const adjusted = new Map(confirmed).set(items[4]!.id, { percentage: 60, note: '' })
    expect(
      (
        await rejection(
          saveSiteVisitSheet(w.db, {
            now: atSiteVisit,
            applicationId: id,
            actor: leader,
            items: adjusted,
            findings: [],
            submit: true,
            expectedVersion: await version(),
          }),
        )
      ).field,
    ).toBe(`note_${items[4]!.id}`)
    // Saved as a draft, then recorded with the note and a finding.
    await saveSiteVisitSheet(w.db, {
      now: atSiteVisit,
      applicationId: id,
      actor: leader,
      items: adjusted,
      findings: [],
      submit: false,
      expectedVersion: await version(),
    })
    expect(
      (
        await rejection(
          saveSiteVisitSheet(w.db, {
            now: atSiteVisit,
            applicationId: id,
            actor: leader,
            items: adjusted,
            findings: [],
            submit: false,
            expectedVersion: (await version()) - 1,
          }),
        )
      ).messageKey,
    ).toBe('errors.staleVersion')
    adjusted.set(items[4]!.id, { percentage: 60, note: '抽查3个月的记录，执行不到位' })
    const missingOne = new Map(adjusted)
    missingOne.delete(items[0]!.id)
    expect(
      (
        await rejection(
          saveSiteVisitSheet(w.db, {
            now: atSiteVisit,
            applicationId: id,
            actor: leader,
            items: missingOne,
            findings: [],
            submit: true,
            expectedVersion: await version(),
          }),
        )
      ).field,
    ).toBe(`item_${items[0]!.id}`)
    expect(
      await saveSiteVisitSheet(w.db, {
        now: atSiteVisit,
        applicationId: id,
        actor: leader,
        items: adjusted,
        findings: [{ severity: 'minor', text: '培训记录缺签字' }],
        submit: true,
        expectedVersion: await version(),
      }),
    ).toEqual({ recorded: true })
    expect((await row()).status).toBe('siteVisitScored')
    expect(await listSiteVisitFindings(w.db, id)).toEqual([
      expect.objectContaining({ severity: 'minor', text: '培训记录缺签字' }),
    ])
    expect((await getSiteVisit(w.db, id))!.recorded_at).not.toBeNull()
  })

  it('ranks on the weighted final score, term by term, and the committee decides from it', async () => {
    const w = await world()
    const [a, b] = await twoShortlisted(w)
    // A leads on document review (800 vs 700) but gives a weak defence and a poor site visit; B overtakes it.
    await throughSecondHalf(w, a.id, { defence: 40, siteVisit: 50 })
    await throughSecondHalf(w, b.id, { defence: 90 })
    const ranked = (await cycleRanking(w.db, w.cycle.id)).get('economy')!
    expect(ranked.map((r) => r.applicationId)).toEqual([b.id, a.id])
    // B: 40 % × 700 + 20 % × 900 + 40 % × 700 = 280 + 180 + 280 = 740.00; A: 320 + 80 + 200 = 600.00.
    expect(
      ranked.map((r) => [
        r.terms?.document.total,
        r.terms?.defence.total,
        r.terms?.siteVisit.total,
        r.terms?.final.total,
        r.total,
      ]),
    ).toEqual([
      [70000, 90000, 70000, 74000, 74000],
      [80000, 40000, 50000, 60000, 60000],
    ])
    // Gold to A over B departs from the final ranking: a reason is required.
    const gold = await w.db
      .selectFrom('award_levels')
      .select('id')
      .where('cycle_id', '=', w.cycle.id)
      .where('category_code', '=', 'economy')
      .where('code', '=', 'gold')
      .executeTakeFirstOrThrow()
    const none = async (id: number) =>
      decideApplication(w.db, {
        applicationId: id,
        actor: w.admin,
        expectedVersion: (await loadApplicationForUpdate(w.db, id))!.version,
        levelId: null,
        reason: '',
      })
    await none(b.id)
    expect(
      (
        await rejection(
          decideApplication(w.db, {
            applicationId: a.id,
            actor: w.admin,
            expectedVersion: (await loadApplicationForUpdate(w.db, a.id))!.version,
            levelId: gold.id,
            reason: '',
          }),
        )
      ).field,
    ).toBe('reason')
  })
})
