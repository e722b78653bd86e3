import { describe, expect, it } from 'vitest'
import { browserSession } from './browser'

const session = browserSession()

describe('a rehearsal (演练) in the browser', () => {
  it('is made from the settings, marks every page, keeps its changes to itself, moves its clock, and is removed', async () => {
    const { page, confirmations } = await session.as('secretariat@award.example')
    await page.goto('/admin/cycle')
    const noticeDays = await page.getByLabel('公示期（工作日）').inputValue()
    await page.getByRole('link', { name: /^演练：/ }).click()
    await page.waitForURL('**/admin/rehearsals')
    await page.getByRole('button', { name: /开始演练$/ }).click()
    await page.waitForURL((url) => url.pathname === '/admin')
    expect(confirmations.at(-1)).toMatch(/此刻的全部数据，开始演练？$/)
    await expect.poll(() => page.getByText('演练已创建，您现在在演练中。').count()).toBe(1)
    const banner = page.getByTestId('rehearsal-banner')
    await expect.poll(() => banner.textContent()).toMatch(/演练 #\d+.*演练时钟：.*不发送邮件/)

    // A setting changed in the rehearsal: the rehearsal's pages show it, the award's do not.
    await page.goto('/admin/cycle')
    expect(await banner.count()).toBe(1)
    const changed = String(Number(noticeDays) + 2)
    await page.getByLabel('公示期（工作日）').fill(changed)
    await page.getByRole('button', { name: '保存设置' }).click()
    await expect.poll(() => page.getByText('年度设置已保存。').count()).toBe(1)
    const other = await session.as('agency@award.example')
    await other.page.goto('/admin/cycle')
    expect(await other.page.getByTestId('rehearsal-banner').count()).toBe(0)
    expect(await other.page.getByLabel('公示期（工作日）').inputValue()).toBe(noticeDays)
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

    // Left: the award's own setting, no banner.
    await page.getByRole('button', { name: '退出演练' }).first().click()
    await expect.poll(() => page.getByText('已退出演练，现在是正式评选。').count()).toBe(1)
    await page.goto('/admin/cycle')
    expect(await page.getByTestId('rehearsal-banner').count()).toBe(0)
    expect(await page.getByLabel('公示期（工作日）').inputValue()).toBe(noticeDays)

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
