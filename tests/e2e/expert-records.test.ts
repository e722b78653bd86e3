import { describe, expect, it } from 'vitest'
import { browserSession, openReady, shot } from './browser'

const session = browserSession()

/**
 * Issue 23 in the browser, reading the demo data only: how applicants judged themselves against the experts (the
 * demo's three second-half entries self-scored 80 %, 75 % and 70 % and were scored 70 %, 75 % and 80 %), and the
 * expert pool by last rating (the demo rates nobody, so every expert is "not rated yet").
 */
describe('experts\u2019 records and applicants\u2019 self-assessment for the secretariat', () => {
  it('compares self-assessed totals with the experts\u2019 per category, and filters the pool by rating', async () => {
    const { page } = await session.as('secretariat@award.example')
    await openReady(page, '/admin/analytics')
    const table = page.getByTestId('self-judgement')
    const economy = table.locator('tbody tr').first()
    await expect.poll(() => economy.innerText()).toMatch(/经济\s+3\s+750\.00\s+750\.00\s+\+0\.00\s+1\s+1\s+1/)
    await table.scrollIntoViewIfNeeded()
    await shot(page, 'analytics-self-judgement')

    await openReady(page, '/admin/experts')
    const rows = page.getByTestId('experts').locator('tbody tr')
    const all = await rows.count()
    expect(all).toBeGreaterThan(0)
    await page.getByLabel('上次评级').selectOption('atLeast3')
    await page.getByRole('button', { name: '查找' }).click()
    await page.waitForURL('**rating=atLeast3**')
    await expect.poll(() => page.getByText('没有符合条件的专家').count()).toBeGreaterThan(0)
    await page.getByLabel('上次评级').selectOption('unrated')
    await page.getByRole('button', { name: '查找' }).click()
    await page.waitForURL('**rating=unrated**')
    await expect.poll(() => rows.count()).toBe(all)
    // In order of last rating (best first): every unrated expert still listed, the choice kept on the page.
    await page.getByLabel('排序').selectOption('ratingHigh')
    await page.getByRole('button', { name: '查找' }).click()
    await page.waitForURL('**sort=ratingHigh**')
    await expect.poll(() => rows.count()).toBe(all)
    expect(await page.getByLabel('排序').inputValue()).toBe('ratingHigh')
    await shot(page, 'expert-pool-by-rating')
  })
})
