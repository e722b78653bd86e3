import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { listPublishedWinners } from '../../db/repositories/cycles'
import { demoLogins, demoPassword, seedDemo } from '../../db/seed'
import { attemptLogin } from '../../workflows/account/login.server'

describe('demo data (npm start on an empty database)', () => {
  it('loads the secretariat, five reviewers, applicants in different states and last year’s published winners', async () => {
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
    ])
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
