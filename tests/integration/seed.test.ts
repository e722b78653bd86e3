import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { getCurrentCycle, listPublishedWinners } from '../../db/repositories/cycles'
import { cycleRanking } from '../../workflows/review/standings.server'
import { demoLogins, demoPassword, seedDemo } from '../../db/seed'
import { attemptLogin } from '../../workflows/account/login.server'

describe('demo data (npm start on an empty database)', () => {
  it('loads the secretariat, five reviewers, applicants at every stage of both halves and last year’s published winners', async () => {
    const db = getDb()
    await seedDemo(db, 2031)
    const statuses = await db
      .selectFrom('applications')
      .innerJoin('cycles', 'cycles.id', 'applications.cycle_id')
      .select(['cycles.year', 'applications.status'])
      .orderBy('applications.id')
      .execute()
    expect(statuses).toEqual([
      { year: 2030, status: 'published' },
      { year: 2030, status: 'published' },
      { year: 2031, status: 'draft' },
      { year: 2031, status: 'eligibilityReview' },
      { year: 2031, status: 'documentReview' },
      // The second half on first start: a defence slot set; a defence scored with the site visit planned; all three
      // stages scored, awaiting the committee.
      { year: 2031, status: 'defenceScheduled' },
      { year: 2031, status: 'siteVisitScheduled' },
      { year: 2031, status: 'siteVisitScored' },
    ])
    const ranked = (await cycleRanking(db, (await getCurrentCycle(db))!.id)).get('economy')!
    expect(ranked[0]).toMatchObject({
      organisationName: '光明生物医药有限公司',
      terms: expect.objectContaining({ final: expect.any(Object) }),
    })
    expect(ranked.slice(1).map((r) => r.terms)).toEqual([null, null])
    expect((await listPublishedWinners(db)).map((w) => [w.year, w.organisation_name, w.level_zh])).toEqual([
      [2030, '深圳湾精密仪器有限公司', '金奖'],
      [2030, '福田文化传媒集团', '银奖'],
    ])
    for (const login of demoLogins) {
      const result = await attemptLogin(db, login.email, demoPassword)
      expect(result, login.email).toMatchObject({ ok: true, role: login.role })
    }
  })
})
