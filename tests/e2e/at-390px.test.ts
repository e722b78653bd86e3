import { describe, expect, it } from 'vitest'
import { browserSession, shot } from './browser'
import { sharedDatabase } from './demo-db'

/**
 * On a phone (390 px wide) every applicant step, the reviewer's score sheet and the secretariat's main pages fit
 * the screen: nothing makes the page scroll sideways (wide tables scroll inside their own box).
 */
const session = browserSession({ width: 390, height: 844 })

const overflow = () => document.documentElement.scrollWidth - window.innerWidth

describe('on a phone', () => {
  it('shows every applicant step and the score sheet no wider than the screen', async () => {
    const { page: applicant } = await session.as('apply@pengcheng-electronics.example')
    await applicant.goto('/applicant')
    await applicant
      .getByRole('link', { name: /继续填写|查看/ })
      .first()
      .click()
    await applicant.waitForURL(/applications\/\d+/)
    const id = /applications\/(\d+)/.exec(applicant.url())![1]
    for (const step of ['profile', 'category', 'eligibility', 'selfAssessment', 'summary']) {
      await applicant.goto(`/applicant/applications/${id}/edit/${step}`)
      const wide = await applicant.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
          .map((e) => `${e.tagName}.${e.className}#${e.id} ${Math.round(e.getBoundingClientRect().right)}`)
          .slice(0, 8),
      )
      expect(await applicant.evaluate(overflow), `${step}: ${wide.join(', ')}`).toBeLessThanOrEqual(0)
    }
    // One of the experts the demo drew for 南山医疗: the invitation, then (no conflict declared) the sheet.
    const drawn = (await sharedDatabase().get<{ email: string }>(
      `select u.email from assignments a join users u on u.id = a.reviewer_id join applications p on p.id = a.application_id
        join organisations o on o.id = p.organisation_id where o.name = '南山医疗服务中心' and a.status = 'invited' order by a.id limit 1`,
    ))!
    const { page: reviewer } = await session.as(drawn.email)
    await reviewer.goto('/review')
    expect(await reviewer.evaluate(overflow), 'assignments').toBeLessThanOrEqual(0)
    await reviewer
      .getByRole('row', { name: /南山医疗服务中心/ })
      .getByRole('link', { name: '查看邀请并声明' })
      .click()
    await reviewer.waitForURL(/\/review\/applications\/\d+$/)
    expect(await reviewer.evaluate(overflow), 'invitation').toBeLessThanOrEqual(0)
    await shot(reviewer, '8-reviewer-invitation-390px')
    await reviewer.getByRole('button', { name: '无利益冲突，接受评审' }).click()
    await shot(reviewer, '8-reviewer-sheet-390px')
    await expect.poll(() => reviewer.locator('select').count()).toBe(23)
    expect(await reviewer.evaluate(overflow), 'score sheet').toBeLessThanOrEqual(0)
  })

  it('shows the secretariat\u2019s desk, ranking, an application and its sheets item by item no wider than the screen', async () => {
    const { page } = await session.as('secretariat@award.example')
    const { id } = (await sharedDatabase().get<{ id: number }>(
      `select p.id from applications p join organisations o on o.id = p.organisation_id where o.name = '光明生物医药有限公司'`,
    ))!
    for (const path of ['/admin', '/admin/ranking', `/admin/applications/${id}`, `/admin/applications/${id}/scores`]) {
      await page.goto(path)
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
          .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)
          .slice(0, 8),
      )
      expect(await page.evaluate(overflow), `${path}: ${wide.join(', ')}`).toBeLessThanOrEqual(0)
    }
  })

  it('shows every other page of the secretariat, the committee, the applicant and the expert no wider than the screen', async () => {
    const pages: Record<string, string[]> = {
      'secretariat@award.example': [
        '/admin/committee',
        '/admin/experts',
        '/admin/experts/progress',
        '/admin/staff',
        '/admin/archive',
        '/admin/rehearsals',
        '/admin/cycle',
        '/admin/cycles',
        '/admin/analytics',
        '/admin/objections',
        '/admin/messages',
        '/admin/calendar',
        '/admin/reviewers',
        '/inbox',
        '/account',
        '/draws',
        '/results',
        '/notice',
      ],
      'apply@qianhai-logistics.example': ['/applicant', '/applicant/team'],
      'reviewer1@award.example': ['/review', '/review/record', '/review/availability'],
    }
    for (const [email, paths] of Object.entries(pages)) {
      const { page, context } = await session.as(email)
      for (const path of paths) {
        await page.goto(path)
        const wide = await page.evaluate(() =>
          [...document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.scroll'))
            .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)
            .slice(0, 8),
        )
        expect(await page.evaluate(overflow), `${path}: ${wide.join(', ')}`).toBeLessThanOrEqual(0)
      }
      await context.close()
    }
  })
})
