import { describe, expect, it } from 'vitest'
import { browserSession, shot } from './browser'

/**
 * On a phone (390 px wide) every applicant step and the reviewer's score sheet fit the screen: nothing makes
 * the page scroll sideways (wide tables scroll inside their own box).
 */
const session = browserSession({ width: 390, height: 844 })

const overflow = () => document.documentElement.scrollWidth - window.innerWidth

describe('on a phone', () => {
  it('shows every applicant step and the score sheet no wider than the screen', async () => {
    const { page: applicant } = await session.as('apply@pengcheng-electronics.example')
    await applicant.goto('/applicant')
    await applicant.getByRole('link', { name: /继续填写|查看/ }).first().click()
    await applicant.waitForURL(/applications\/\d+/)
    const id = /applications\/(\d+)/.exec(applicant.url())![1]
    for (const step of ['profile', 'category', 'eligibility', 'selfAssessment', 'summary']) {
      await applicant.goto(`/applicant/applications/${id}/edit/${step}`)
      const wide = await applicant.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).map((e) => `${e.tagName}.${e.className}#${e.id} ${Math.round(e.getBoundingClientRect().right)}`).slice(0, 8))
      expect(await applicant.evaluate(overflow), `${step}: ${wide.join(', ')}`).toBeLessThanOrEqual(0)
    }
    const { page: reviewer } = await session.as('reviewer1@award.example')
    await reviewer.goto('/review')
    expect(await reviewer.evaluate(overflow), 'assignments').toBeLessThanOrEqual(0)
    await reviewer.getByRole('row', { name: /南山医疗服务中心/ }).getByRole('link', { name: '评分' }).click()
    await reviewer.waitForURL(/\/review\/applications\/\d+$/)
    await shot(reviewer, '8-reviewer-sheet-390px')
    await expect.poll(() => reviewer.locator('select').count()).toBe(23)
    expect(await reviewer.evaluate(overflow), 'score sheet').toBeLessThanOrEqual(0)
  })
})
