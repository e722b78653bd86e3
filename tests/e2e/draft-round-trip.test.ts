import { describe, expect, it } from 'vitest'
import { browserSession, openReady, registerInBrowser, reloadReady } from './browser'

/**
 * Every field of every step survives "save draft" and a reload: what the applicant typed is on the page again,
 * exactly, after the page said 已保存.
 */
const session = browserSession()

describe('a draft saved step by step', () => {
  it('keeps every value of every step through a save and a reload', async () => {
    const { page, confirmations } = await session.as(null)
    // A guessable password is refused by the server: the message stands beside the field, and the cursor is put there.
    await openReady(page, '/register')
    await page.getByLabel('单位名称').fill('深圳市龙岗草稿测试有限公司')
    await page.getByLabel('统一社会信用代码').fill('91440300708461136T')
    await page.getByLabel('联系人').fill('吴草稿')
    await page.getByLabel('电子邮箱').fill('draft@longgang-test.example')
    await page.getByLabel('联系电话').fill('0755-28001234')
    await page.getByLabel('密码', { exact: true }).fill('password12')
    await page.getByLabel('确认密码').fill('password12')
    await page.getByRole('button', { name: '注册' }).click()
    await expect.poll(() => page.locator('#password-error').textContent()).toContain('常见密码')
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('password')
    await registerInBrowser(page, {
      organisation: '深圳市龙岗草稿测试有限公司',
      uscc: '91440300708461136T',
      contact: '吴草稿',
      email: 'draft@longgang-test.example',
      phone: '0755-28001234',
      password: 'amber-willow-canyon-4',
    })
    await page.getByRole('button', { name: /开始\d{4}年度申报/ }).click()
    await page.waitForURL('**/edit/profile')

    const saveAndReload = async () => {
      await page.getByRole('button', { name: '保存草稿' }).click()
      await expect.poll(() => page.getByText('已保存').count()).toBeGreaterThan(0)
      await reloadReady(page)
    }

    // Step 1: profile.
    const profile: Record<string, string> = {
      registeredAddress: '深圳市龙岗区龙城大道1号',
      registrationDate: '2015-06-01',
      legalRepresentative: '吴法人',
      employees: '320',
      'finances.0.year': '2023',
      'finances.0.revenue': '12000.50',
      'finances.0.profit': '-300',
      'finances.1.year': '2024',
      'finances.1.revenue': '13500',
      'finances.1.profit': '420.25',
      'finances.2.year': '2025',
      'finances.2.revenue': '15000',
      'finances.2.profit': '800',
    }
    for (const [id, value] of Object.entries(profile)) await page.locator(`[id="${id}"]`).fill(value)
    await page.getByLabel('所属行业').selectOption('logistics')
    await saveAndReload()
    for (const [id, value] of Object.entries(profile))
      expect(await page.locator(`[id="${id}"]`).inputValue(), id).toBe(value)
    expect(await page.getByLabel('所属行业').inputValue()).toBe('logistics')

    // Step 2: category, as a project entry.
    await openReady(page, page.url().replace(/profile$/, 'category'))
    await page.getByLabel('奖项领域').selectOption('economy')
    await page.getByLabel('项目奖').check()
    await page.getByLabel('项目名称').fill('龙岗智慧物流园项目')
    await saveAndReload()
    expect(await page.getByLabel('奖项领域').inputValue()).toBe('economy')
    expect(await page.getByLabel('项目奖').isChecked()).toBe(true)
    expect(await page.getByLabel('项目名称').inputValue()).toBe('龙岗智慧物流园项目')

    // Step 3: the declarations, every condition including the project's.
    await openReady(page, page.url().replace(/category$/, 'eligibility'))
    await expect.poll(() => page.locator('fieldset').count()).toBe(6)
    const conditions = await page.locator('fieldset').all()
    for (const [i, fieldset] of conditions.entries()) {
      await fieldset.getByLabel(i % 2 === 0 ? '是' : '否').check()
      await fieldset.getByLabel('说明及佐证材料').fill(`第${i + 1}项说明：详见附件。`)
    }
    await saveAndReload()
    const reloaded = await page.locator('fieldset').all()
    expect(reloaded).toHaveLength(6)
    for (const [i, fieldset] of reloaded.entries()) {
      expect(await fieldset.getByLabel(i % 2 === 0 ? '是' : '否').isChecked(), `condition ${i + 1}`).toBe(true)
      expect(await fieldset.getByLabel('说明及佐证材料').inputValue(), `condition ${i + 1}`).toBe(
        `第${i + 1}项说明：详见附件。`,
      )
    }

    // Step 4: the self-assessment, every section.
    await openReady(page, page.url().replace(/eligibility$/, 'selfAssessment'))
    const sections = page.locator('textarea')
    await expect.poll(() => sections.count()).toBe(7)
    for (let i = 0; i < 7; i++) await sections.nth(i).fill(`第${i + 1}部分自评：方法、展开、学习、整合。\n第二段。`)
    await saveAndReload()
    for (let i = 0; i < 7; i++)
      expect(await sections.nth(i).inputValue()).toBe(`第${i + 1}部分自评：方法、展开、学习、整合。\n第二段。`)

    // The self-assessment saves itself a moment after typing stops: a reload without saving keeps the text.
    await sections.nth(3).fill('自动保存的第四部分：过程识别与设计。')
    await expect
      .poll(() => page.getByTestId('autosave').textContent(), { timeout: 10_000 })
      .toMatch(/已自动保存（\d{2}:\d{2}）/)
    await reloadReady(page)
    expect(await page.locator('textarea').nth(3).inputValue()).toBe('自动保存的第四部分：过程识别与设计。')

    // Leaving a step with edits not saved asks first.
    await openReady(page, page.url().replace(/selfAssessment$/, 'profile'))
    await page.locator('[id="legalRepresentative"]').fill('吴新法人')
    await page.getByRole('link', { name: /2\. / }).click()
    await page.waitForURL('**/edit/category')
    expect(confirmations.at(-1)).toBe('本页有尚未保存的修改，离开后将丢失。确定离开吗？')
  })
})
