import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserSession, openReady, shot } from './browser'
import { copyOfSharedDatabase } from './demo-db'
import { spawnServer } from './spawn'
import { scoredCultureEntries } from './scored-entries'

/**
 * Issue 17 in the browser, on a copy of the demo database of its own: the shortlist's cap holds (never more than
 * its number; a choice that departs from the ranking needs its reason, and the cycle's history says what happened),
 * and once intake has closed a draft cannot be submitted and the page says why.
 */
const database = await copyOfSharedDatabase('award-boundaries-')
let server: { url: string; stop: () => void } | undefined
const draftEmail = 'apply8821@pingshan.example'
let draftId = 0

/** Two culture entries scored 800 and 700; a cycle that shortlists one per category; a complete unsubmitted draft. */
async function prepare() {
  Object.assign(process.env, database.env)
  const { closeDb } = await import('../../db/client.server')
  const { createApplicantAccount, createCompleteDraft } = await import('../../db/factories')
  const { demoPassword } = await import('../../db/seed')
  const { db, cycle } = await scoredCultureEntries([
    { name: '龙岗文化产业集团', percentage: 80, n: 8811 },
    { name: '罗湖艺术中心', percentage: 70, n: 8812 },
  ])
  await db.updateTable('cycles').set({ shortlist_size: 1 }).where('id', '=', cycle.id).execute()
  const late = await createApplicantAccount(db, {
    n: 8821,
    name: '深圳市坪山示例制造有限公司',
    email: draftEmail,
    password: demoPassword,
  })
  draftId = (await createCompleteDraft(db, late, cycle.id)).id
  await closeDb()
  server = await spawnServer({ ...database.env })
}

beforeAll(prepare, 60_000)
afterAll(async () => {
  server?.stop()
  await database.remove()
})

const session = browserSession(undefined, () => server!.url)

describe('stage boundaries in the browser', () => {
  it('holds the shortlist to its number, asks for the reason of a departure from the ranking, and logs it', async () => {
    const { page: admin, confirmations } = await session.as('secretariat@award.example')
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
    // The question before it names the count ticked and the count left out.
    expect(confirmations.at(-1)).toContain('入围 2 个，未入围 0 个')
    await expect.poll(() => shortlist.getByText(/入围名额最多 1 个/).count()).toBe(1)
    // The lower entry instead of the higher: a departure from the ranking, refused until its reason is given.
    await boxes.nth(0).uncheck()
    await shortlist.getByRole('button', { name: '确定入围名单' }).click()
    // (The hint above the list names the rule too; the refusal says which way the list departs.)
    await expect.poll(() => shortlist.getByText(/排名在前者未入围或排名在后者入围/).count()).toBe(1)
    await shortlist.getByLabel('与排名不一致的理由').fill('排名第一的单位已撤回参评意向，经委员会研究同意。')
    await shortlist.getByRole('button', { name: '确定入围名单' }).click()
    await expect.poll(() => admin.getByText('入围名单已确定').count()).toBe(1)
    await shot(admin, 'boundaries-shortlist')
    // The cycle's history says what happened, in words: one shortlisted, one not, and why.
    await openReady(admin, '/admin/cycle')
    await expect
      .poll(() => admin.getByText(/入围 1 个，未入围 1 个/).count(), {
        timeout: 30_000,
      })
      .toBeGreaterThan(0)
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
