import { describe, expect, it } from 'vitest'
import { browserSession } from './browser'

const session = browserSession()

describe('the cycle settings history', () => {
  it('reads in the user’s language, with times in Beijing time, never a raw ISO string', async () => {
    const { page } = await session.as('secretariat@award.example')
    const save = async (days: string) => {
      await page.goto('/admin/cycle')
      await page.getByLabel('公示期（工作日）').fill(days)
      await page.getByRole('button', { name: '保存设置' }).click()
      await expect.poll(() => page.getByText('年度设置已保存。').count()).toBe(1)
    }
    await save('7')
    await save('5')
    const history = page.locator('table.timeline')
    await expect.poll(() => history.getByText('公示期（工作日）: 5 → 7').count()).toBe(1)
    await expect.poll(() => history.getByText('公示期（工作日）: 7 → 5').count()).toBe(1)
    expect(await page.locator('main').textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/)
    await page.goto('/lang?to=en&next=/admin/cycle')
    await expect
      .poll(() => page.locator('table.timeline').getByText('Public notice (working days): 5 → 7').count())
      .toBe(1)
    await page.goto('/lang?to=zh&next=/admin/cycle')
  })
})
