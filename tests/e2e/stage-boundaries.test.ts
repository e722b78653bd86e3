import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../../workflows/application/application.policy'
import { browserSession, openReady, shot } from './browser'
import { copyOfSharedDatabase, spawnServer } from './spawn'

/**
 * Issue 17 in the browser, on a copy of the demo database of its own: the shortlist's cap holds (never more than
 * its number; a choice that departs from the ranking needs its reason, and the cycle's history says what happened),
 * and once intake has closed a draft cannot be submitted and the page says why.
 */
const database = copyOfSharedDatabase('award-boundaries-')
let server: { url: string; stop: () => void } | undefined
const draftEmail = 'apply8821@pingshan.example'
let draftId = 0

/** Two culture entries scored 800 and 700; a cycle that shortlists one per category; a complete unsubmitted draft. */
async function prepare() {
  process.env.DATABASE_PATH = database.path
  const { getDb, closeDb } = await import('../../db/client.server')
  const { completeEligibilityChecks, createApplicantAccount, createCompleteDraft } = await import('../../db/factories')
  const { getCurrentCycle } = await import('../../db/repositories/cycles')
  const { getCriteriaTree } = await import('../../db/repositories/criteria')
  const { applyApplicationEvent, submitApplication } = await import('../../workflows/application/application.server')
  const { assignReviewer, respondToAssignment, saveScoreSheet } = await import('../../workflows/review/review.server')
  const { demoPassword } = await import('../../db/seed')
  const db = getDb()
  const cycle = (await getCurrentCycle(db))!
  await db.updateTable('cycles').set({ shortlist_size: 1 }).where('id', '=', cycle.id).execute()
  const tree = await getCriteriaTree(db, cycle.edition_id)
  const user = async (email: string, role: 'admin' | 'reviewer'): Promise<Actor> => {
    const row = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
    return { userId: row.id, role, organisationId: null }
  }
  const admin = await user('secretariat@award.example', 'admin')
  const reviewers = await Promise.all([1, 2, 3].map((n) => user(`reviewer${n}@award.example`, 'reviewer')))
  for (const [name, percentage, n] of [
    ['龙岗文化产业集团', 80, 8811],
    ['罗湖艺术中心', 70, 8812],
  ] as const) {
    const actor = await createApplicantAccount(db, {
      n,
      name,
      email: `apply${n}@culture.example`,
      password: demoPassword,
    })
    const draft = await createCompleteDraft(db, actor, cycle.id, { categoryCode: 'culture' })
    let version = (await submitApplication(db, { applicationId: draft.id, actor, expectedVersion: draft.version }))
      .version
    for (const type of ['START_ELIGIBILITY_REVIEW', 'ACCEPT_ELIGIBILITY'] as const) {
      if (type === 'ACCEPT_ELIGIBILITY') await completeEligibilityChecks(db, admin, draft.id)
      version = (
        await applyApplicationEvent(db, {
          applicationId: draft.id,
          actor: admin,
          event: { type },
          expectedVersion: version,
        })
      ).version
    }
    for (const reviewer of reviewers) {
      await assignReviewer(db, { applicationId: draft.id, reviewerId: reviewer.userId, actor: admin })
      await respondToAssignment(db, { applicationId: draft.id, actor: reviewer, answer: 'accept' })
      await saveScoreSheet(db, {
        applicationId: draft.id,
        actor: reviewer,
        expectedVersion: null,
        scores: new Map(tree.categories.flatMap((c) => c.items.map((item) => [item.id, percentage] as const))),
        comments: new Map(
          tree.categories.map((c) => [c.id, { strengths: '方法系统', opportunities: '展开不足' }] as const),
        ),
        submit: true,
      })
    }
  }
  const late = await createApplicantAccount(db, {
    n: 8821,
    name: '深圳市坪山示例制造有限公司',
    email: draftEmail,
    password: demoPassword,
  })
  draftId = (await createCompleteDraft(db, late, cycle.id)).id
  await closeDb()
  server = await spawnServer({ DATABASE_PATH: database.path })
}

beforeAll(prepare, 60_000)
afterAll(() => {
  server?.stop()
  database.remove()
})

const session = browserSession(undefined, () => server!.url)

describe('stage boundaries in the browser', () => {
  it('holds the shortlist to its number, asks for the reason of a departure from the ranking, and logs it', async () => {
    const { page: admin } = await session.as('secretariat@award.example')
    await openReady(admin, '/admin/ranking?category=culture')
    const shortlist = admin.getByTestId('shortlist-culture')
    const boxes = shortlist.locator('input[type="checkbox"]')
    // Only the number the cycle allows is ticked beforehand: the top entry.
    expect(await boxes.count()).toBe(2)
    expect(await shortlist.locator('input[type="checkbox"]:checked').count()).toBe(1)
    expect(await boxes.nth(0).isChecked()).toBe(true)
    // Both ticked: more than the cap is refused, saying how many.
    await boxes.nth(1).check()
    await shortlist.getByRole('button', { name: '确定入围名单' }).click()
    await expect.poll(() => shortlist.getByText(/入围名额最多 1 个/).count()).toBe(1)
    // The lower entry instead of the higher: a departure from the ranking, refused until its reason is given.
    await boxes.nth(0).uncheck()
    await shortlist.getByRole('button', { name: '确定入围名单' }).click()
    await expect.poll(() => shortlist.getByText(/入围名单与排名不一致/).count()).toBe(1)
    await shortlist.getByLabel('与排名不一致的理由').fill('排名第一的单位已撤回参评意向，经委员会研究同意。')
    await shortlist.getByRole('button', { name: '确定入围名单' }).click()
    await expect.poll(() => admin.getByText('入围名单已确定').count()).toBe(1)
    await shot(admin, 'boundaries-shortlist')
    // The cycle's history says what happened, in words: one shortlisted, one not, and why.
    await openReady(admin, '/admin/cycle')
    await expect.poll(() => admin.getByText(/入围 1 个，未入围 1 个/).count(), { timeout: 30_000 }).toBeGreaterThan(0)
    expect(await admin.getByText('排名第一的单位已撤回参评意向，经委员会研究同意。').count()).toBeGreaterThan(0)
  })

  it('refuses to submit a draft once intake has closed, and says so; the home page stops inviting applications', async () => {
    const { page: admin } = await session.as('secretariat@award.example')
    await openReady(admin, '/admin/cycle')
    await admin.getByRole('button', { name: '结束申报受理' }).click()
    await expect.poll(() => admin.getByText('本年度申报受理已结束。').count()).toBeGreaterThan(0)

    const { page: applicant } = await session.as(draftEmail)
    await openReady(applicant, `/applicant/applications/${draftId}/edit/summary`)
    await applicant.getByRole('button', { name: '提交申报' }).click()
    await expect.poll(() => applicant.getByText('本年度申报受理已结束，草稿不能再提交。').count()).toBeGreaterThan(0)
    await shot(applicant, 'boundaries-intake-closed')
    await openReady(applicant, `/applicant/applications/${draftId}`)
    expect(await applicant.getByText('已提交，待资格审核').count()).toBe(0)
    const { page: visitor } = await session.as(null)
    await openReady(visitor, '/')
    await expect.poll(() => visitor.getByText(/本年度申报受理已结束/).count()).toBeGreaterThan(0)
  })
})
