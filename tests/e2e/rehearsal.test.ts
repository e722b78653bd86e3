import { describe, expect, it } from 'vitest'
import { browserSession } from './browser'

const session = browserSession()

describe('a rehearsal (演练) in the browser', () => {
  it('is made from the settings, marks every page, keeps its changes and its e-mails to itself, moves its clock, and is removed', async () => {
    const { page, confirmations } = await session.as('secretariat@award.example')
    await page.goto('/admin/cycle')
    await page.getByRole('link', { name: /^演练：/ }).click()
    await page.waitForURL('**/admin/rehearsals')
    await page.getByRole('button', { name: /开始演练$/ }).click()
    await page.waitForURL((url) => url.pathname === '/admin')
    expect(confirmations.at(-1)).toMatch(/此刻的全部数据，开始演练？$/)
    await expect.poll(() => page.getByText('演练已创建，您现在在演练中。').count()).toBe(1)
    const banner = page.getByTestId('rehearsal-banner')
    await expect.poll(() => banner.textContent()).toMatch(/演练 #\d+.*演练时钟：.*不发送邮件/)

    // An account invited in the rehearsal: the rehearsal's pages show it, the award's do not (earlier browser tests
    // may have published the demo's cycle, so the change is one that is open whatever the cycle's state).
    await page.goto('/admin/staff')
    expect(await banner.count()).toBe(1)
    await page.getByLabel('姓名').fill('演练账户')
    await page.getByLabel('电子邮箱').fill('rehearsal-staff@agency.example')
    await page.locator('#invite').getByLabel('评审机构').check()
    await page.getByRole('button', { name: '邀请并发送邮件' }).click()
    await expect.poll(() => page.getByTestId('staff').innerText()).toContain('rehearsal-staff@agency.example')
    const other = await session.as('agency@award.example')
    await other.page.goto('/admin/staff')
    expect(await other.page.getByTestId('rehearsal-banner').count()).toBe(0)
    expect(await other.page.getByTestId('staff').innerText()).not.toContain('rehearsal-staff@agency.example')
    await other.context.close()

    // Its clock moves a week forward; what fell due is reported, and nothing is sent.
    await page.getByRole('link', { name: '演练管理' }).click()
    await page.waitForURL('**/admin/rehearsals')
    const card = page.locator('article', { has: page.getByText('您在此演练中') })
    const before = await card.getByTestId('rehearsal-clock').textContent()
    await card.getByLabel('向后拨（天）').selectOption('7')
    await card.getByRole('button', { name: '拨动时钟' }).click()
    await expect.poll(() => card.getByText(/^时钟已拨到/).count()).toBe(1)
    await expect.poll(() => card.getByTestId('rehearsal-clock').textContent()).not.toBe(before)
    // Back is refused beside the field, and the clock stays.
    const moved = await card.getByTestId('rehearsal-clock').textContent()
    await card.getByLabel('或拨到').fill('2020-01-01T09:00')
    await card.getByRole('button', { name: '拨动时钟' }).click()
    await expect.poll(() => card.getByText(/只能向后拨/).count()).toBe(1)
    expect(await card.getByTestId('rehearsal-clock').textContent()).toBe(moved)

    // The invitation it would have sent is listed on its card, unsent.
    expect(await card.getByTestId('rehearsal-messages').innerText()).toContain('rehearsal-staff@agency.example')

    // Left: the award's own accounts, no banner.
    await page.getByRole('button', { name: '退出演练' }).first().click()
    await expect.poll(() => page.getByText('已退出演练，现在是正式评选。').count()).toBe(1)
    await page.goto('/admin/staff')
    expect(await page.getByTestId('rehearsal-banner').count()).toBe(0)
    expect(await page.getByTestId('staff').innerText()).not.toContain('rehearsal-staff@agency.example')

    await page.goto('/admin/rehearsals')
    const mine = page
      .locator('article')
      .filter({ has: page.getByText(/演练 #\d+/) })
      .first()
    await mine.getByRole('button', { name: '删除演练' }).click()
    await expect.poll(() => page.getByText('演练已删除。').count()).toBe(1)
    expect(confirmations.at(-1)).toMatch(/^删除演练 #\d+？/)
  })
})
