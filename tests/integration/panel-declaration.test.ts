import { describe, expect, it } from 'vitest'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import { listAudit } from '../../db/repositories/audit'
import { declaredConflictsWith } from '../../db/repositories/review'
import { listPanel, listPanelDraws } from '../../db/repositories/stages'
import { saveDefenceSheet, scheduleDefence } from '../../workflows/stages/defence.server'
import { replayPanelDraw } from '../../workflows/review/draw-replay'
import { verifyLedger } from '../../workflows/review/draw-ledger'
import { ledgerEntries } from '../../db/repositories/draw-ledger'
import { declarePanelSeat } from '../../workflows/stages/panel-declaration.server'
import { scheduleSiteVisit } from '../../workflows/stages/site-visit.server'
import {
  atDefence,
  beforeSlots,
  confirmSlot,
  declareNoConflict,
  inDocumentReview,
  rejection,
  scoreDefence,
  shortlistEconomy,
  submitSheet,
  type World,
  world,
} from './helpers'

/** One economy entry scored by three of the four experts, shortlisted, its defence scheduled before three. */
async function defenceScheduled(panelSize = 3) {
  const w = await world()
  await w.db
    .updateTable('cycles')
    .set({ shortlist_size: 1, defence_panel_size: panelSize, site_visit_team_size: 2 })
    .where('id', '=', w.cycle.id)
    .execute()
  const application = await inDocumentReview(w, w.applicant)
  for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, application.id, reviewer, 80)
  await shortlistEconomy(w, [application.id])
  const version = async () => (await loadApplicationForUpdate(w.db, application.id))!.version
  const panel = await scheduleDefence(w.db, {
    applicationId: application.id,
    startsAt: '2030-03-02T09:00',
    minutes: 40,
    place: '市民中心B区301',
    actor: w.admin,
    now: beforeSlots,
    expectedVersion: await version(),
    seed: 5,
  })
  await confirmSlot(w, application.id, 'defence')
  return { w, id: application.id, panel, version }
}

const expert = (w: World, userId: number) => w.reviewers.find((r) => r.userId === userId)!

describe('a panel member\u2019s declaration (回避声明)', () => {
  it('takes a member who declares a conflict off the panel, draws another for the seat, and the conflict follows them to the site visit', async () => {
    const { w, id, panel, version } = await defenceScheduled()
    const [leaving, ...staying] = panel
    const outside = w.reviewers.find((r) => !panel.includes(r.userId))!
    // A conflict needs its reason; an expert not on the panel has nothing to declare.
    expect(
      (
        await rejection(
          declarePanelSeat(w.db, {
            stage: 'defence',
            applicationId: id,
            actor: expert(w, leaving!),
            declaration: { conflict: true, reason: '  ' },
          }),
        )
      ).field,
    ).toBe('reason')
    expect(
      (
        await rejection(
          declarePanelSeat(w.db, {
            stage: 'defence',
            applicationId: id,
            actor: outside,
            declaration: { conflict: false },
          }),
        )
      ).status,
    ).toBe(404)

    const { replacedBy } = await declarePanelSeat(w.db, {
      stage: 'defence',
      applicationId: id,
      actor: expert(w, leaving!),
      declaration: { conflict: true, reason: '三年内曾为该单位提供咨询服务' },
      now: beforeSlots,
    })
    // The only expert left in the pool takes the seat, and declares in turn before seeing the file.
    expect(replacedBy).toBe(outside.userId)
    const seated = await listPanel(w.db, 'defence', id)
    expect(seated.map((m) => m.expert_user_id).sort()).toEqual([...staying, outside.userId].sort())
    expect(seated.find((m) => m.expert_user_id === outside.userId)!.declared_at).toBeNull()
    expect(await declaredConflictsWith(w.db, id)).toContain(leaving)
    const draws = await listPanelDraws(w.db, id)
    expect(draws).toHaveLength(2)
    expect(JSON.parse(draws[1]!.exclusions)).toEqual(
      expect.arrayContaining([{ expertId: leaving, reason: 'declaredConflict' }]),
    )
    // Off the panel: no sheet, nothing to declare again.
    const sheet = (actor: number) =>
      saveDefenceSheet(w.db, {
        applicationId: id,
        actor: expert(w, actor),
        scores: new Map(w.tree.categories.map((c) => [c.id, 70] as const)),
        notes: '',
        submit: true,
        expectedVersion: null,
        now: atDefence,
      })
    expect((await rejection(sheet(leaving!))).status).toBe(404)
    const events = (await listAudit(w.db, 'application', id)).map((e) => [e.event, e.reason])
    expect(events).toEqual(
      expect.arrayContaining([
        ['PANEL_RECUSE', 'defence: 三年内曾为该单位提供咨询服务'],
        ['PANEL_REPLACE', 'defence'],
      ]),
    )
    const told = await w.db
      .selectFrom('outbox')
      .select(['kind', 'recipient'])
      .where('kind', 'in', ['secretariat.CONFLICT', 'panel.defence'])
      .execute()
    expect(told.filter((m) => m.kind === 'secretariat.CONFLICT').length).toBeGreaterThan(0)
    expect(told.filter((m) => m.kind === 'panel.defence')).toHaveLength(4)

    // The three sitting members declare and score: the defence completes without the one who left.
    for (const userId of [...staying, outside.userId]) {
      await declareNoConflict(w, 'defence', id, expert(w, userId))
      await sheet(userId)
    }
    expect((await loadApplicationForUpdate(w.db, id))!.status).toBe('defenceScored')
    // The site-visit team is drawn from the three who may sit, never the one who declared.
    const team = await scheduleSiteVisit(w.db, {
      applicationId: id,
      visitDate: '2030-03-20',
      address: '深圳市南山区科技园',
      actor: w.admin,
      now: beforeSlots,
      expectedVersion: await version(),
      seed: 3,
    })
    expect(team).toHaveLength(2)
    expect(team).not.toContain(leaving)
    // Each draw (the panel, the replacement, the team) replays from its record alone; a record changed does not.
    const records = await listPanelDraws(w.db, id)
    expect(records).toHaveLength(3)
    for (const record of records) expect(replayPanelDraw(record)).toMatchObject({ replayable: true, matches: true })
    const replacement = records[1]!
    expect(JSON.parse(replacement.exclusions)).toEqual(
      expect.arrayContaining(staying.map((expertId) => ({ expertId, reason: 'alreadyOnApplication' }))),
    )
    expect(replayPanelDraw({ ...replacement, chosen: JSON.stringify([leaving]) })).toMatchObject({ matches: false })
    expect(replayPanelDraw({ ...replacement, load_cap: null })).toEqual({ replayable: false })
    // The same three are on the cycle's public ledger, after its document-review draws, and the chain verifies.
    const ledger = await ledgerEntries(w.db, w.cycle.id)
    expect(ledger.slice(-3).map((e) => e.kind)).toEqual(['defence', 'defence', 'siteVisit'])
    const verification = await verifyLedger(ledger)
    expect(verification.ok).toBe(true)
  })

  it('keeps a recusal when nobody is left to draw: the seat stays empty, on the record, and the stage can still complete', async () => {
    const { w, id, panel } = await defenceScheduled(4)
    const [leaving, ...staying] = panel
    const { replacedBy } = await declarePanelSeat(w.db, {
      stage: 'defence',
      applicationId: id,
      actor: expert(w, leaving!),
      declaration: { conflict: true, reason: '近亲属在该单位任职' },
      now: beforeSlots,
    })
    expect(replacedBy).toBeNull()
    expect((await listPanel(w.db, 'defence', id)).map((m) => m.expert_user_id).sort()).toEqual([...staying].sort())
    const events = (await listAudit(w.db, 'application', id)).map((e) => e.event)
    expect(events).toEqual(expect.arrayContaining(['PANEL_RECUSE', 'PANEL_UNFILLED']))
    expect(events).not.toContain('PANEL_REPLACE')
    // Declared once is declared: the same member cannot declare again, nor a member who already declared.
    await declareNoConflict(w, 'defence', id, expert(w, staying[0]!))
    expect(
      (
        await rejection(
          declarePanelSeat(w.db, {
            stage: 'defence',
            applicationId: id,
            actor: expert(w, staying[0]!),
            declaration: { conflict: true, reason: '后来想起的关系' },
          }),
        )
      ).messageKey,
    ).toBe('errors.alreadyDeclared')
  })

  it('gives the site-visit team\u2019s lead to the replacement when the leader stands down', async () => {
    const { w, id, panel, version } = await defenceScheduled(2)
    await scoreDefence(w, id, panel, 70)
    const team = await scheduleSiteVisit(w.db, {
      applicationId: id,
      visitDate: '2030-03-20',
      address: '深圳市南山区科技园',
      actor: w.admin,
      now: beforeSlots,
      expectedVersion: await version(),
      seed: 3,
    })
    const [leader, member] = team
    const { replacedBy } = await declarePanelSeat(w.db, {
      stage: 'siteVisit',
      applicationId: id,
      actor: expert(w, leader!),
      declaration: { conflict: true, reason: '曾任职于该单位' },
      now: beforeSlots,
    })
    expect(replacedBy).not.toBeNull()
    expect([leader, member]).not.toContain(replacedBy)
    const seated = await listPanel(w.db, 'siteVisit', id)
    expect(seated.map((m) => [m.expert_user_id, m.is_leader])).toEqual([
      [replacedBy, 1],
      [member, 0],
    ])
  })
})
