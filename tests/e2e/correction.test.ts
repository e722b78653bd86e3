import { describe, expect, it } from 'vitest'
import { browserSession, confirmAsLegalRepresentative, shot } from './browser'

/**
 * 补正: the secretariat returns an application with a reason; the applicant reads it, corrects the
 * application and resubmits; the history shows every step. Uses the demo's 前海物流集团, which the seed leaves
 * in eligibility review.
 */
const session = browserSession()

describe('return for correction', () => {
  it('lets the applicant read the reason, correct and resubmit', async () => {
    const { page: admin } = await session.as('secretariat@award.example')
    await admin.goto('/admin?status=eligibilityReview')
    await admin
      .getByRole('row', { name: /前海物流集团/ })
      .getByRole('link')
      .click()
    // A refusal lands where the secretariat acted, far down the page: in the panel, in view, with the focus on it.
    await admin.getByLabel('仍予通过的理由（记入审核记录）').fill('   ')
    await admin.getByRole('button', { name: '说明理由后通过' }).click()
    const refusal = admin.getByTestId('eligibility-error')
    await expect.poll(() => refusal.textContent()).toContain('信用核查')
    await expect
      .poll(() => admin.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('eligibility-error')
    expect(await admin.locator('h1 + [role="alert"]').count()).toBe(0)
    // A refusal about one field: beside that field, marked invalid, with the focus in it.
    await admin.getByText('手工录入核查结果').click()
    await admin.getByTestId('credit').getByLabel('无失信记录').check()
    await admin.getByTestId('credit').getByLabel('核查情况').fill('  ')
    await admin.getByRole('button', { name: '保存核查结果' }).click()
    const summary = admin.getByTestId('credit').locator('textarea[name="summary"]')
    await expect.poll(() => summary.getAttribute('aria-invalid')).toBe('true')
    await expect.poll(() => admin.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('summary')
    expect(await admin.locator('[data-field-error="summary"]').textContent()).toBe('必填。')
    expect(
      await summary.evaluate((el) => {
        const box = el.getBoundingClientRect()
        return box.top >= 0 && box.bottom <= window.innerHeight
      }),
    ).toBe(true)
    await admin.getByLabel('原因').fill('请补充近三年的利润数据说明。')
    await admin.getByRole('button', { name: '退回补正' }).click()
    await expect.poll(() => admin.getByText('申报已退回补正').count()).toBe(1)
    // The desk shows by when the correction is due (two weeks, as suggested on the form).
    await admin.goto('/admin?status=returned')
    await expect
      .poll(() =>
        admin
          .getByRole('row', { name: /前海物流集团/ })
          .getByTestId('correction-due')
          .textContent(),
      )
      .toMatch(/补正截止 \d{4}年\d{1,2}月\d{1,2}日/)

    const { page: applicant } = await session.as('apply@qianhai-logistics.example')
    await applicant.goto('/applicant')
    await applicant.getByRole('link', { name: '查看' }).click()
    await expect.poll(() => applicant.getByText('秘书处退回补正，原因： 请补充近三年的利润数据说明。').count()).toBe(1)
    await expect
      .poll(() => applicant.getByText(/请于\d{4}年\d{1,2}月\d{1,2}日前（含当日）补正并重新提交/).count())
      .toBeGreaterThan(0)
    await shot(applicant, '7-applicant-returned')
    await applicant.getByRole('link', { name: '修改申报材料' }).click()
    await applicant.waitForURL('**/edit/profile')
    await applicant.locator('[id="finances.2.profit"]').fill('5350.5')
    await applicant.getByRole('button', { name: '保存并继续' }).click()
    await applicant.waitForURL('**/edit/category')
    await applicant.getByRole('link', { name: /5\. 核对与提交/ }).click()
    await applicant.waitForURL('**/edit/summary')
    await expect.poll(() => applicant.getByRole('cell', { name: '5,350.50' }).count()).toBe(1)
    // The correction changed the application: its legal representative confirms it again (the letter stays on file).
    await expect.poll(() => applicant.getByTestId('legal-confirmation').getAttribute('data-standing')).toBe('behind')
    await confirmAsLegalRepresentative(applicant, '李明', { upload: false })
    await applicant.getByRole('button', { name: '补正后重新提交' }).click()
    await applicant.waitForURL(/\/applicant\/applications\/\d+$/)
    await expect.poll(() => applicant.getByText('补正后重新提交 → 已提交，待资格审核').count()).toBe(1)
  })
})
