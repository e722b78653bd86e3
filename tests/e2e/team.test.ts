import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserSession, openReady, shot } from './browser'
import { copyOfSharedDatabase } from './demo-db'
import { spawnServer } from './spawn'

/**
 * Team accounts in the browser (issue 22), on a server of its own over a copy of the demo: 鹏城电子's owner invites
 * a colleague as a viewer, the viewer reads the draft and is kept out of its form, the owner removes the viewer and
 * the viewer's next page is the sign-in.
 */
let server: { url: string; stop: () => void }
let database: Awaited<ReturnType<typeof copyOfSharedDatabase>>

beforeAll(async () => {
  database = await copyOfSharedDatabase('award-team-')
  server = await spawnServer({ ...database.env })
})

afterAll(async () => {
  server?.stop()
  await database?.remove()
})

const session = browserSession(undefined, () => server.url)
const owner = 'apply@pengcheng-electronics.example'
const colleague = 'lina@pengcheng-electronics.example'

describe('an organisation’s team in the browser (issue 22)', () => {
  it('the owner invites a viewer, who reads but cannot fill in, then removes them', async () => {
    const { page } = await session.as(owner)
    await openReady(page, '/applicant')
    await page.getByRole('link', { name: '团队成员' }).click()
    await page.waitForURL('**/applicant/team')
    await page.waitForSelector('html[data-hydrated]')
    await page.getByLabel('姓名').fill('李娜')
    await page.getByLabel('电子邮箱').fill(colleague)
    await page.locator('#invite').getByLabel('权限').selectOption('viewer')
    await page.getByRole('button', { name: '邀请并发送邮件' }).click()
    await page.getByText('已邀请，设置密码的邮件已发出。').waitFor()
    expect(await page.getByTestId('team').innerText()).toContain('查看者')
    await shot(page, 'team')

    // The colleague set their password through the e-mailed link (here: the demo's, written as the link would).
    await database.run(
      'update users set password_hash = (select password_hash from users where email = ?) where email = ?',
      owner,
      colleague,
    )
    const viewer = await session.as(colleague)
    await openReady(viewer.page, '/applicant')
    const draft = viewer.page.getByRole('link', { name: /查看/ }).first()
    await draft.click()
    await viewer.page.waitForURL('**/applicant/applications/**')
    await viewer.page.waitForSelector('html[data-hydrated]')
    const id = /applications\/(\d+)/.exec(viewer.page.url())![1]
    // The form is the owner's and the editors': the viewer is told so.
    await viewer.page.goto(`/applicant/applications/${id}/edit/profile`)
    await viewer.page.getByText('您是本单位申报的查看者，只能阅读，不能填写或修改。').waitFor()

    // Removed: the viewer's next page asks them to sign in, and signing in no longer works.
    const row = page.getByTestId('team').locator('tbody tr').filter({ hasText: colleague })
    await row.getByRole('button', { name: '移除' }).click()
    await page.getByText('已移除，该账户的访问已立即终止。').waitFor()
    await viewer.page.goto(`/applicant/applications/${id}`)
    await viewer.page.waitForURL('**/login**')
  })
})
