import { describe, expect, it } from 'vitest'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import { listAwardLevels } from '../../db/repositories/cycles'
import { decideApplication } from '../../workflows/application/application.server'
import { inDocumentReview, rejection, submitSheet, world } from './helpers'

/** Two economy entries scored 800 and 700 in a cycle without the second half, the lower one a project entry. */
async function scoredPair() {
  const w = await world()
  const organisation = await inDocumentReview(w, w.applicant)
  const project = await inDocumentReview(w, w.otherApplicant)
  for (const reviewer of w.reviewers.slice(0, 3)) {
    await submitSheet(w, organisation.id, reviewer, 80)
    await submitSheet(w, project.id, reviewer, 70)
  }
  await w.db
    .updateTable('applications')
    .set({ award_type: 'project', project_name: '智能仓储改造项目' })
    .where('id', '=', project.id)
    .execute()
  const levels = (await listAwardLevels(w.db, w.cycle.id)).filter((l) => l.category_code === 'economy')
  const level = (code: string) => levels.find((l) => l.code === code)!.id
  const decide = async (id: number, levelId: number | null, reason = '') =>
    decideApplication(w.db, {
      applicationId: id,
      actor: w.admin,
      expectedVersion: (await loadApplicationForUpdate(w.db, id))!.version,
      levelId,
      reason,
    })
  return { w, organisation: organisation.id, project: project.id, levels, level, decide }
}

describe('award types (提名奖, 项目奖, 特别贡献奖)', () => {
  it('gives each category its levels, then the nomination, project and special contribution awards', async () => {
    const { levels } = await scoredPair()
    expect(levels.map((l) => [l.code, l.name_zh, l.award_type, l.outside_quota])).toEqual([
      ['gold', '金奖', 'organisation', 0],
      ['silver', '银奖', 'organisation', 0],
      ['bronze', '铜奖', 'organisation', 0],
      ['nomination', '提名奖', 'organisation', 0],
      ['project', '项目奖', 'project', 0],
      ['special', '特别贡献奖', 'organisation', 1],
    ])
  })

  it('gives the project award to project entries only, and the other levels to organisations only', async () => {
    const { w, organisation, project, level, decide } = await scoredPair()
    expect(await rejection(decide(organisation, level('project')))).toMatchObject({
      field: 'levelId',
      messageKey: 'errors.levelNotForType',
    })
    expect(await rejection(decide(project, level('gold')))).toMatchObject({
      field: 'levelId',
      messageKey: 'errors.levelNotForType',
    })
    // The project entry ranks below the organisation in the category but competes for its own award: the
    // organisation not awarded and the project given the project award depart from nothing, so no reason is asked.
    await decide(organisation, null)
    await decide(project, level('project'))
    expect((await loadApplicationForUpdate(w.db, project))!.decision_level_id).toBe(level('project'))
    // Among organisation entries the ranking still holds: a nomination award then needs nothing either.
    await decide(organisation, level('nomination'))
    expect((await loadApplicationForUpdate(w.db, organisation))!.decision_level_id).toBe(level('nomination'))
  })

  it('gives the special contribution award only where the cycle enables it, always with a reason, outside the quota', async () => {
    const { w, organisation, level, decide } = await scoredPair()
    expect(await rejection(decide(organisation, level('special'), '抗疫物资保障贡献突出'))).toMatchObject({
      field: 'levelId',
      messageKey: 'errors.specialNotEnabled',
    })
    await w.db.updateTable('cycles').set({ special_award_enabled: 1 }).where('id', '=', w.cycle.id).execute()
    expect(await rejection(decide(organisation, level('special')))).toMatchObject({
      field: 'reason',
      messageKey: 'errors.specialNeedsReason',
    })
    // Its quota is 0: outside the quota, it is given all the same.
    await decide(organisation, level('special'), '抗疫物资保障贡献突出')
    expect(await loadApplicationForUpdate(w.db, organisation)).toMatchObject({
      status: 'decided',
      decision_level_id: level('special'),
      decision_reason: '抗疫物资保障贡献突出',
    })
  })
})
