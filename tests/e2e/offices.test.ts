import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserSession, openReady, shot } from './browser'
import { copyOfSharedDatabase } from './demo-db'
import { spawnServer } from './spawn'

/**
 * Issue 22 in the browser, on a server of its own over a copy of the demo (an invitation adds an account): the
 * supervisor reads and is refused, the committee member sees their duties, the secretariat invites a member of
 * the review agency.
 */
let server: { url: string; stop: () => void }
let database: Awaited<ReturnType<typeof copyOfSharedDatabase>>

beforeAll(async () => {
  database = await copyOfSharedDatabase('award-offices-')
  server = await spawnServer({ ...database.env })
})

afterAll(async () => {
  server?.stop()
  await database?.remove()
})

const session = browserSession(undefined, () => server.url)

describe('offices in the browser (issue 22)', () => {
  it('a supervisor reads the back office, downloads the audit log, and what they post is refused', async () => {
    const { page } = await session.as('supervisor@award.example')
    await openReady(page, '/admin')
    expect(await page.getByTestId('read-only').innerText()).toContain('不能更改任何内容')
    expect(await page.locator('.masthead .who').innerText()).toContain('赵敏 · 监督')
    await shot(page, 'supervisor-desk')
    await openReady(page, '/admin/staff')
    const download = page.waitForEvent('download')
    await page.getByRole('link', { name: '导出审计日志（CSV）' }).click()
    const file = await (await download).path()
    const csv = fs.readFileSync(file!, 'utf8')
    expect(csv.split('\n')[0]).toContain('操作人职责')
    expect(csv).toContain('START_ELIGIBILITY_REVIEW')

    // Any application will do (earlier browser tests move the shared demo's on): the refusal comes before its state
    // is looked at, and its state must be what it was.
    const before = (await database.get<{ id: number; status: string }>(
      'select id, status from applications order by id limit 1',
    ))!
    const id = before.id
    await openReady(page, `/admin/applications/${id}`)
    await page.evaluate(async (applicationId) => {
      const token = (document.querySelector('input[name=csrf]') as HTMLInputElement).value
      const response = await fetch(`/admin/applications/${applicationId}`, {
        method: 'POST',
        body: new URLSearchParams({ csrf: token, intent: 'reject', reason: '监督不能退回' }),
      })
      document.body.dataset.refused = String(response.status)
    }, id)
    expect(await page.locator('body').getAttribute('data-refused')).toBe('403')
    const after = await database.get<{ status: string }>('select status from applications where id = ?', id)
    expect(after?.status).toBe(before.status)
  })

  it('a committee member is shown their office and duties; the secretariat invites an agency member', async () => {
    const member = await session.as('committee1@award.example')
    await openReady(member.page, '/admin/staff')
    expect(await member.page.getByTestId('my-duties').innerText()).toContain('审定（作出评审决定）')
    expect(await member.page.locator('.masthead .who').innerText()).toContain('评定委员会委员')
    // A committee member manages no accounts: no invitation form.
    expect(await member.page.getByRole('button', { name: '邀请并发送邮件' }).count()).toBe(0)

    const { page } = await session.as('secretariat@award.example')
    await openReady(page, '/admin/staff')
    // The demo's all-round account is marked as combining duties the rules separate.
    expect(await page.getByTestId('staff').innerText()).toContain('评审规则要求分设')
    await page.getByLabel('姓名').fill('周强')
    await page.getByLabel('电子邮箱').fill('zhouqiang@agency.example')
    await page.locator('#invite').getByLabel('评审机构').check()
    await page.getByRole('button', { name: '邀请并发送邮件' }).click()
    await page.getByText('已邀请，设置密码的邮件已发出。').waitFor()
    expect(await page.getByTestId('staff').innerText()).toContain('zhouqiang@agency.example')
    expect(await page.getByTestId('office-changes').innerText()).toContain('邀请 周强，职责：评审机构')
    await shot(page, 'staff-page')

    // Two offices the rules keep apart are refused beside the choice, and nobody is invited.
    await page.getByLabel('姓名').fill('钱进')
    await page.getByLabel('电子邮箱').fill('qianjin@agency.example')
    await page.locator('#invite').getByLabel('评审机构').check()
    await page.locator('#invite').getByLabel('评定委员会委员').check()
    await page.getByRole('button', { name: '邀请并发送邮件' }).click()
    await page.locator('#invite').getByText('评审机构人员不能兼任评定委员会委员。').waitFor()
    expect(await page.getByTestId('staff').innerText()).not.toContain('qianjin@agency.example')
  })
})
