import { describe, expect, it } from 'vitest'
import { listAudit } from '../../db/repositories/audit'
import {
  getCurrentCycle,
  getCycle,
  listAwardLevels,
  listCycleCategories,
  listRequiredEvidence,
  replaceRequiredEvidence,
} from '../../db/repositories/cycles'
import { readCycleAuditReason } from '../../workflows/cycle/cycle-audit'
import * as cycles from '~/routes/admin.cycles'
import { args, post, respond } from '../routes/http'
import { rejection, world } from './helpers'
import { createNextCycle } from '../../workflows/cycle/cycle.server'
import { closeIntake } from '../../workflows/cycle/intake.server'

describe('next year’s cycle, copied from this one', () => {
  it('copies categories, levels, quotas, required evidence and every setting, with the dates one year on', async () => {
    const w = await world()
    await w.db
      .updateTable('cycles')
      .set({
        aggregation: 'median',
        normalise_reviewers: 1,
        consensus_threshold: 12000,
        notice_working_days: 7,
        reviewers_per_application: 4,
        expert_load_cap: 9,
        review_due_date: '2001-05-31',
        reminder_days_before: 5,
        shortlist_size: 6,
        weight_document: 50,
        weight_defence: 20,
        weight_site_visit: 30,
        defence_minutes: 45,
        defence_panel_size: 7,
        site_visit_team_size: 4,
      })
      .where('id', '=', w.cycle.id)
      .execute()
    const gold = (await listAwardLevels(w.db, w.cycle.id)).find(
      (l) => l.category_code === 'economy' && l.code === 'gold',
    )!
    await w.db.updateTable('award_levels').set({ quota: 1 }).where('id', '=', gold.id).execute()
    await replaceRequiredEvidence(w.db, w.cycle.id, [{ awardType: 'organisation', condition: 'goodCredit' }])

    // One intake at a time: next year's cycle is refused while this year's intake is open, and made once it ended.
    const whileOpen = await respond(async () =>
      cycles.action(args(await post('/admin/cycles', { fromCycleId: String(w.cycle.id) }, { userId: w.admin.userId }))),
    )
    expect(whileOpen.status).toBe(409)
    expect(await whileOpen.json()).toMatchObject({
      messageKey: 'errors.previousIntakeOpen',
      vars: { year: w.cycle.year },
    })
    await closeIntake(w.db, { cycleId: w.cycle.id, actor: w.admin })
    const response = await respond(async () =>
      cycles.action(args(await post('/admin/cycles', { fromCycleId: String(w.cycle.id) }, { userId: w.admin.userId }))),
    )
    expect(response.status).toBe(302)
    const next = (await getCurrentCycle(w.db))!
    expect(next).toMatchObject({
      year: w.cycle.year + 1,
      name_zh: `${w.cycle.year + 1}年度深圳市市长质量奖`,
      submission_deadline: '3000-12-31T00:00:00.000Z', // the world's deadline, 2999-12-31, one year on
      aggregation: 'median',
      normalise_reviewers: 1,
      consensus_threshold: 12000,
      notice_working_days: 7,
      reviewers_per_application: 4,
      expert_load_cap: 9,
      review_due_date: '2002-05-31',
      reminder_days_before: 5,
      shortlist_size: 6,
      weight_document: 50,
      weight_defence: 20,
      weight_site_visit: 30,
      defence_minutes: 45,
      defence_panel_size: 7,
      site_visit_team_size: 4,
      results_published_at: null,
      approval_document: null,
    })
    expect((await listCycleCategories(w.db, next.id)).map((c) => c.code)).toEqual(
      (await listCycleCategories(w.db, w.cycle.id)).map((c) => c.code),
    )
    const copied = (await listAwardLevels(w.db, next.id)).map((l) => [l.category_code, l.code, l.quota, l.rank])
    expect(copied).toEqual(
      (await listAwardLevels(w.db, w.cycle.id)).map((l) => [l.category_code, l.code, l.quota, l.rank]),
    )
    expect(copied).toContainEqual(['economy', 'gold', 1, 1])
    expect(await listRequiredEvidence(w.db, next.id)).toEqual([{ awardType: 'organisation', condition: 'goodCredit' }])
    expect(readCycleAuditReason((await listAudit(w.db, 'cycle', next.id))[0]!.reason)).toEqual({
      kind: 'copied',
      fromYear: w.cycle.year,
    })
    // This year stays as it was, and a second copy of it is refused.
    expect(await getCycle(w.db, w.cycle.id)).toMatchObject({ year: w.cycle.year, aggregation: 'median' })
    expect((await rejection(createNextCycle(w.db, { fromCycleId: w.cycle.id, actor: w.admin }))).messageKey).toBe(
      'errors.cycleExists',
    )
    expect((await rejection(createNextCycle(w.db, { fromCycleId: next.id, actor: w.reviewers[0]! }))).status).toBe(403)
  })
})
