import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserSession, openReady, shot } from './browser'
import { copyOfSharedDatabase } from './demo-db'
import { spawnServer } from './spawn'

/**
 * Issue 24 in the browser: a bulk action on the desk names how many rows are ticked, asks before acting on them,
 * and acts on those only. On a copy of the demo with two more applications submitted.
 */
const database = await copyOfSharedDatabase('award-desk-bulk-')
let server: { url: string; stop: () => void } | undefined
const names = ['深圳市福田示例科技有限公司', '深圳市罗湖示例服务有限公司']

beforeAll(async () => {
  Object.assign(process.env, database.env)
  const { closeDb, getDb } = await import('../../db/client.server')
  const { createApplicantAccount, createCompleteDraft } = await import('../../db/factories')
  const { submitApplication } = await import('../../workflows/application/application.server')
  const db = getDb()
  const cycle = await db
    .selectFrom('cycles')
    .select('id')
    .where('results_published_at', 'is', null)
    .orderBy('year', 'desc')
    .executeTakeFirstOrThrow()
  for (const [i, name] of names.entries()) {
    const applicant = await createApplicantAccount(db, {
      n: 8851 + i,
      name,
      email: `apply${8851 + i}@bulk.example`,
      password: 'password-for-bulk-1',
    })
    const draft = await createCompleteDraft(db, applicant, cycle.id)
    await submitApplication(db, { applicationId: draft.id, actor: applicant, expectedVersion: draft.version })
  }
  await closeDb()
  server = await spawnServer({ ...database.env })
}, 60_000)

afterAll(async () => {
  server?.stop()
  await database.remove()
})

const session = browserSession(undefined, () => server!.url)

describe('a bulk action on the desk (issue 24)', () => {
  it('names the count ticked, asks first, and starts eligibility review for those only', async () => {
    const { page, confirmations } = await session.as('secretariat@award.example')
    await openReady(page, '/admin?status=submitted')
    const start = page.getByRole('button', { name: /开始资格审核/ })
    const boxes = page.locator('input[name="applicationIds"]')
    const total = await boxes.count()
    expect(total).toBeGreaterThanOrEqual(names.length)
    // Nothing ticked: nothing to act on.
    expect(await start.isDisabled()).toBe(true)
    await page.getByLabel('全选本页').check()
    await expect.poll(() => start.innerText()).toBe(`对所选 ${total} 份申报开始资格审核`)
    // One taken off again: the count follows.
    await page.getByLabel(`选择 ${names[1]}`).uncheck()
    await expect.poll(() => start.innerText()).toBe(`对所选 ${total - 1} 份申报开始资格审核`)
    expect(await page.getByLabel('全选本页').isChecked()).toBe(false)
    await shot(page, 'desk-bulk')
    await start.click()
    await expect.poll(() => confirmations.at(-1)).toBe(`将所选 ${total - 1} 份申报转入资格审核？`)
    await page.waitForLoadState('load')
    await expect.poll(() => page.url()).not.toContain('status=submitted')
    // Only the one left unticked is still waiting.
    await openReady(page, '/admin?status=submitted')
    await expect.poll(() => boxes.count()).toBe(1)
    expect(await page.getByLabel(`选择 ${names[1]}`).count()).toBe(1)
  })

  it('shows the columns the member of staff chose, and keeps them', async () => {
    const { page } = await session.as('agency@award.example')
    await openReady(page, '/admin')
    const headers = () => page.locator('#bulk thead th').allInnerTexts()
    expect(await headers()).toContain('得分')
    const columns = page.getByTestId('desk-columns')
    await columns.locator('summary').click()
    await columns.getByLabel('得分').uncheck()
    await columns.getByLabel('最近更新').uncheck()
    await columns.getByRole('button', { name: '保存列设置' }).click()
    await page.getByText('列设置已保存。').waitFor()
    await expect.poll(headers).not.toContain('得分')
    expect(await headers()).not.toContain('最近更新')
    expect(await headers()).toContain('申报单位')
    await openReady(page, '/admin')
    expect(await headers()).not.toContain('得分')
  })
})
