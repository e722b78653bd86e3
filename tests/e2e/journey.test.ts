import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { demoLogins } from '../../db/seed'
import { browserSession, confirmAsLegalRepresentative, registerInBrowser, shot } from './browser'
import { sharedDatabase } from './demo-db'

/** The one thing a browser cannot do: let working days pass. The notice's end is moved into the past. */
async function passNotice(applicationId: number) {
  await sharedDatabase().run(
    'UPDATE applications SET notice_ends_at = ? WHERE id = ?',
    new Date(Date.now() - 1000).toISOString(),
    applicationId,
  )
}

/**
 * The other thing a browser cannot do: wait for the day of a defence or site visit. Once the applicant has
 * confirmed, the slot is moved to a moment already past, as if its day had come (the sheets open only then).
 */
async function slotHasCome(applicationId: number, stage: 'defence' | 'siteVisit') {
  const db = sharedDatabase()
  if (stage === 'defence')
    await db.run("UPDATE defences SET starts_at = '2020-01-06T09:00' WHERE application_id = ?", applicationId)
  else await db.run("UPDATE site_visits SET visit_date = '2020-01-06' WHERE application_id = ?", applicationId)
}

/**
 * The whole award journey in a real browser against the production build: an organisation registers and
 * applies, the secretariat checks eligibility and assigns three experts, the experts score, the secretariat
 * decides and publishes, and the public reads the winner on /results.
 */
const organisation = '深圳市光明精密制造有限公司'
const applicantEmail = 'quality@guangming-precision.example'

const session = browserSession()

describe('the award journey', () => {
  it('goes from registration to a published winner', async () => {
    // The applicant registers; a wrong check character is refused on the spot.
    const { page: applicant, confirmations } = await session.as(null)
    await applicant.goto('/register')
    await applicant.getByLabel('单位名称').fill(organisation)
    await applicant.getByLabel('统一社会信用代码').fill('914403001922038217')
    await applicant.getByLabel('联系人').click()
    await expect.poll(() => applicant.getByText('统一社会信用代码校验位不正确').count()).toBe(1)
    await registerInBrowser(applicant, {
      organisation,
      uscc: '914403001922038216',
      contact: '赵质量',
      email: applicantEmail,
      phone: '0755-86001234',
      password: 'jade-harbour-lantern-7',
    })

    // The five steps, each saved on the server.
    await applicant.getByRole('button', { name: /开始\d{4}年度申报/ }).click()
    await applicant.waitForURL('**/edit/profile')
    await applicant.getByLabel('注册地址（深圳）').fill('深圳市光明区光明大道88号')
    await applicant.getByLabel('注册日期').fill('2012-03-15')
    await applicant.getByLabel('法定代表人').fill('钱立')
    await applicant.getByLabel('所属行业').selectOption('manufacturing')
    await applicant.getByLabel('员工人数').fill('860')
    for (const [i, year] of ['2023', '2024', '2025'].entries()) {
      await applicant.locator(`[id="finances.${i}.year"]`).fill(year)
      await applicant.locator(`[id="finances.${i}.revenue"]`).fill(String(30000 + i * 2500))
      await applicant.locator(`[id="finances.${i}.profit"]`).fill(String(2100 + i * 300))
    }
    await applicant.getByRole('button', { name: '保存并继续' }).click()
    await applicant.waitForURL('**/edit/category')
    await applicant.getByLabel('奖项领域').selectOption('economy')
    await applicant.getByLabel('市长质量奖（组织）').check()
    await applicant.getByRole('button', { name: '保存并继续' }).click()
    await applicant.waitForURL('**/edit/eligibility')
    // Five conditions for an organisation (the project condition is only asked of projects).
    await expect.poll(() => applicant.locator('fieldset').count()).toBe(5)
    const conditions = await applicant.locator('fieldset').all()
    await conditions[0]!.getByLabel('是').check()
    await conditions[0]!.getByLabel('说明及佐证材料').fill('符合，见附件营业执照及信用报告。')
    // Evidence is uploaded beside the answers; what was typed and not yet saved stays on the page.
    // The cycle requires evidence for two conditions of an organisation entry; each is marked until its file is in.
    const required = applicant.getByTestId('required-evidence')
    await expect.poll(() => required.locator('li[data-filed="false"]').count()).toBe(2)
    await applicant.locator('input[type="file"]').setInputFiles({
      name: '营业执照.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% business licence\n'),
    })
    await applicant.getByTestId('attachments').getByLabel('对应条件').selectOption('registeredThreeYears')
    await applicant.getByTestId('attachments').getByRole('button', { name: '上传' }).click()
    await expect.poll(() => applicant.getByTestId('attachments-list').textContent()).toContain('营业执照.pdf')
    await expect.poll(() => required.locator('li[data-filed="false"]').textContent()).toContain('处于行业领先地位')
    await applicant.locator('input[type="file"]').setInputFiles({
      name: '行业排名证明.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% industry ranking\n'),
    })
    await applicant.getByTestId('attachments').getByLabel('对应条件').selectOption('industryLeader')
    await applicant.getByTestId('attachments').getByRole('button', { name: '上传' }).click()
    await expect.poll(() => required.locator('li[data-filed="false"]').count()).toBe(0)
    expect(await conditions[0]!.getByLabel('说明及佐证材料').inputValue()).toBe('符合，见附件营业执照及信用报告。')
    for (const fieldset of conditions.slice(1)) {
      await fieldset.getByLabel('是').check()
      await fieldset.getByLabel('说明及佐证材料').fill('符合，见附件营业执照及信用报告。')
    }
    await applicant.getByRole('button', { name: '保存并继续' }).click()
    await applicant.waitForURL('**/edit/selfAssessment')
    const sections = applicant.locator('textarea')
    await expect.poll(() => sections.count()).toBe(7)
    for (let i = 0; i < 7; i++)
      await sections.nth(i).fill(`第${i + 1}部分：本单位建立了系统的方法，全面展开并持续改进。`)
    await expect.poll(() => applicant.getByTestId('character-counter').textContent()).toMatch(/已写 1\d\d \/ 30,000 字/)
    // Its own score on the first item, in the experts' bands (optional; kept from the experts).
    await applicant.getByText('自评分（可选）').first().click()
    await applicant.locator('select[name="selfScores.0"]').selectOption('90')
    await applicant.getByRole('button', { name: '保存并继续' }).click()
    await applicant.waitForURL('**/edit/summary')
    // Not before the legal representative has confirmed it, with the signed letter.
    expect(await applicant.getByRole('button', { name: '提交申报' }).isDisabled()).toBe(true)
    await confirmAsLegalRepresentative(applicant, '钱立')
    await applicant.getByRole('button', { name: '提交申报' }).click()
    await applicant.waitForURL(/\/applicant\/applications\/\d+$/)
    expect(confirmations.at(-1)).toContain('提交后申报材料将进入资格审核')
    await expect.poll(() => applicant.getByText('已提交，待资格审核').count()).toBeGreaterThan(0)
    const applicationUrl = applicant.url()
    const applicationId = applicationUrl.split('/').pop()!
    await shot(applicant, '1-applicant-submitted')

    // The secretariat: eligibility review, then three experts.
    const { page: admin } = await session.as('secretariat@award.example')
    await admin.goto(`/admin/applications/${applicationId}`)
    await admin.getByRole('button', { name: '开始资格审核' }).click()
    // 资格审核 is a checklist: nothing passes before the credit check and every condition are checked.
    await expect.poll(() => admin.getByTestId('checklist-problems').locator('li').count()).toBe(6)
    await admin.getByText('手工录入核查结果').click()
    await admin.getByTestId('credit').getByLabel('无失信记录').check()
    await admin.getByTestId('credit').getByLabel('核查情况').fill('信用中国、信用深圳查询：无失信记录。')
    await admin.getByRole('button', { name: '保存核查结果' }).click()
    await expect.poll(() => admin.getByTestId('checklist-problems').locator('li').count()).toBe(5)
    for (const condition of ['registeredThreeYears', 'industryLeader', 'noPenalty', 'noAccident', 'goodCredit']) {
      await admin.getByTestId(`condition-${condition}`).getByRole('button', { name: '符合', exact: true }).click()
      await expect.poll(() => admin.getByTestId(`condition-${condition}`).textContent()).toContain('符合 · ')
    }
    await expect.poll(() => admin.getByText('各项条件均已核查符合').count()).toBe(1)
    await admin.getByRole('button', { name: '资格审核通过' }).click()
    await expect.poll(() => admin.getByText('材料评审中').count()).toBeGreaterThan(0)
    // Three experts are drawn at random from the pool; each is invited and must declare conflicts first.
    await admin.getByRole('button', { name: '随机抽取 3 位专家' }).click()
    await expect.poll(() => admin.getByTestId('assignments').locator('tbody tr[data-status="invited"]').count()).toBe(3)
    await expect.poll(() => admin.getByTestId('draw-record').count()).toBe(1)
    expect(await admin.getByTestId('draw-record').textContent()).toMatch(/随机种子 \d+，候选专家 5 位/)
    await shot(admin, '2-admin-drawn')
    const drawnNames = async () =>
      await admin.getByTestId('assignments').locator('tbody tr[data-status="invited"] td:first-child').allTextContents()
    const emailOf = (name: string) => demoLogins.find((login) => login.name === name)!.email
    const [firstDrawn] = await drawnNames()

    // The first expert drawn has a conflict: declared on the invitation, before anything of the application opens.
    {
      const { page: reviewer, context } = await session.as(emailOf(firstDrawn!))
      await reviewer.goto('/review')
      await reviewer
        .getByRole('row', { name: new RegExp(organisation) })
        .getByRole('link', { name: '查看邀请并声明' })
        .click()
      await expect.poll(() => reviewer.getByTestId('invitation').textContent()).toContain(organisation)
      expect(await reviewer.locator('select').count()).toBe(0)
      await shot(reviewer, '3-reviewer-invitation')
      await reviewer.getByLabel('利益冲突情况说明').fill('本人配偶在该单位任职。')
      await reviewer.getByRole('button', { name: '存在利益冲突，申请回避' }).click()
      await expect.poll(() => reviewer.getByText('已申报回避').count()).toBe(1)
      await context.close()
    }
    // Another expert is drawn in their place at once, and the draw is on the record.
    await admin.reload()
    await expect.poll(() => admin.getByTestId('draw-record').count()).toBe(2)
    expect(await admin.getByTestId('assignments').locator('tbody tr[data-status="recused"]').textContent()).toContain(
      '本人配偶在该单位任职。',
    )
    const drawn = await drawnNames()
    expect(drawn).toHaveLength(3)
    expect(drawn).not.toContain(firstDrawn)

    // The three experts declare no conflict, then score every item and submit.
    const percentages = [70, 75, 80]
    for (const [i, percentage] of percentages.entries()) {
      const { page: reviewer, context } = await session.as(emailOf(drawn[i]!))
      await reviewer.goto('/review')
      await reviewer
        .getByRole('row', { name: new RegExp(organisation) })
        .getByRole('link', { name: '查看邀请并声明' })
        .click()
      await reviewer.getByRole('button', { name: '无利益冲突，接受评审' }).click()
      const selects = reviewer.locator('select')
      await expect.poll(() => selects.count()).toBe(23)
      for (let s = 0; s < 23; s++) await selects.nth(s).selectOption(String(percentage))
      for (const area of await reviewer.locator('textarea[name^="strengths"], textarea[name^="opportunities"]').all())
        await area.fill('方法系统，展开充分；建议加强对比分析。')
      await expect.poll(() => reviewer.getByTestId('sheet-total').textContent()).toBe(`${percentage * 10}.00`)
      if (i === 0) await shot(reviewer, '3-reviewer-sheet')
      await reviewer.getByRole('button', { name: '提交评分表' }).click()
      await expect.poll(() => reviewer.getByText('评分表已提交，不能再修改。').count()).toBe(1)
      if (i === 2) {
        await reviewer.goto('/review')
        await shot(reviewer, '3-reviewer-assignments')
      }
      await context.close()
    }

    // 入围: the secretariat settles the economy shortlist; the entry goes on to the second half.
    await admin.goto(`/admin/applications/${applicationId}`)
    await expect.poll(() => admin.getByTestId('mean-total').textContent()).toBe('750.00')
    await admin.goto('/admin/ranking')
    await admin.getByTestId('shortlist-economy').getByRole('button', { name: '确定入围名单' }).click()
    await expect.poll(() => admin.getByText('入围名单已确定').count()).toBe(1)

    // 集中答辩: a slot a week ahead, a panel of three drawn; the applicant confirms; each panel member scores.
    const beijingDay = (days: number) =>
      new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10)
    await admin.goto(`/admin/applications/${applicationId}`)
    const stages = admin.locator('#stages')
    // The room is taken then by the demo's other defence: refused beside the field, naming it. Its slot is read
    // from the database, not counted again: "a week ahead" was counted when the demo was seeded, which may have
    // been the Beijing day before (a run across midnight in Beijing failed here).
    const taken = (await sharedDatabase().get<{ starts_at: string }>(
      'select starts_at from defences where place = ? and application_id != ?',
      '市民中心B区301会议室',
      Number(applicationId),
    ))!
    const [takenDay, takenTime] = taken.starts_at.split('T') as [string, string]
    await stages.getByLabel('日期', { exact: true }).fill(takenDay)
    await stages.getByLabel('开始时间').fill(takenTime)
    await stages.getByLabel('地点或视频会议链接').fill('市民中心B区301会议室')
    await stages.getByRole('button', { name: '安排答辩并抽取答辩专家' }).click()
    await expect.poll(() => stages.getByText(/该地点在这一时间已安排.*的答辩/).count()).toBe(1)
    const dayAfter = new Date(Date.parse(`${takenDay}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
    await stages.getByLabel('日期', { exact: true }).fill(dayAfter)
    await stages.getByRole('button', { name: '安排答辩并抽取答辩专家' }).click()
    await expect.poll(() => admin.getByTestId('defence-slot').textContent()).toContain('市民中心B区301会议室')
    const panelNames = await admin.locator('#stages table').first().locator('tbody tr td:first-child').allTextContents()
    expect(panelNames).toHaveLength(3)
    await shot(admin, '7-admin-defence')
    await applicant.goto(applicationUrl)
    await expect.poll(() => applicant.getByTestId('defence').textContent()).toContain('市民中心B区301会议室')
    await applicant.getByRole('button', { name: '确认参加答辩' }).click()
    await expect.poll(() => applicant.getByText('您已确认。').count()).toBe(1)
    await shot(applicant, '7-applicant-defence')
    // A week passes: the defence is held, and its sheets open.
    await slotHasCome(Number(applicationId), 'defence')
    const openDefence = async (member: Page) => {
      await member.goto('/review')
      await member
        .getByTestId('panel-seats')
        .getByRole('row', { name: new RegExp(organisation) })
        .getByRole('link', { name: '打开' })
        .click()
      await member.waitForURL('**/review/defence/*')
    }
    // Each member declares before anything of the file shows. The first finds a tie with the applicant and stands
    // down with the reason; another expert is drawn for the seat, and the conflict follows them.
    {
      const { page: recusing, context } = await session.as(emailOf(panelNames[0]!))
      await openDefence(recusing)
      expect(await recusing.getByText('申报单位自评报告').count()).toBe(0)
      await shot(recusing, '7-expert-panel-declaration')
      await recusing.getByLabel('利益冲突情况说明').fill('三年内曾为该单位提供质量管理咨询服务。')
      await recusing.getByRole('button', { name: '存在利益冲突，申请回避' }).click()
      await expect.poll(() => recusing.getByText('已记录您的回避声明').count()).toBe(1)
      expect(await recusing.getByTestId('panel-seats').getByText(organisation).count()).toBe(0)
      await context.close()
    }
    await admin.reload()
    const seated = await admin.locator('#stages table').first().locator('tbody tr td:first-child').allTextContents()
    expect(seated).toHaveLength(3)
    expect(seated).not.toContain(panelNames[0])
    for (const [k, name] of seated.entries()) {
      const { page: member, context } = await session.as(emailOf(name))
      await openDefence(member)
      await member.getByRole('button', { name: '无利益冲突，查看材料' }).click()
      const categories = member.locator('select')
      await expect.poll(() => categories.count()).toBe(7)
      for (let c = 0; c < 7; c++) await categories.nth(c).selectOption(String(70 + k * 5))
      await member.getByLabel('评语').fill('陈述清晰，经营结果数据详实。')
      await expect.poll(() => member.getByTestId('sheet-total').textContent()).toBe(`${(70 + k * 5) * 10}.00`)
      if (k === 0) await shot(member, '7-expert-defence-sheet')
      await member.getByRole('button', { name: '提交评分表' }).click()
      await expect.poll(() => member.getByText('答辩评分表已提交。').count()).toBe(1)
      await context.close()
    }

    // 现场核查: a visit three weeks ahead, a team of two; the leader verifies every item, one adjusted with the evidence.
    await admin.reload()
    await expect.poll(() => admin.getByText('答辩评分完成').count()).toBeGreaterThan(0)
    await stages.getByLabel('核查日期').fill(beijingDay(21))
    await stages.getByLabel('核查地址').fill('深圳市光明区光明大道88号')
    await stages.getByRole('button', { name: '安排现场核查并抽取核查组' }).click()
    await expect.poll(() => admin.getByTestId('site-visit').textContent()).toContain('光明大道88号')
    // The applicant agrees to receive the team; three weeks pass and the visit is made.
    await applicant.goto(applicationUrl)
    await applicant.getByRole('button', { name: '确认接待现场核查' }).click()
    await expect.poll(() => applicant.getByText('您已确认。').count()).toBe(2)
    await slotHasCome(Number(applicationId), 'siteVisit')
    // The team as the page lists it: "核查组：组长名（组长）、成员名".
    const leaderName = (await admin.getByTestId('site-visit-team').textContent())!
      .replace(/^核查组：/, '')
      .split('（')[0]!
    {
      const { page: leader, context } = await session.as(emailOf(leaderName))
      await leader.goto('/review')
      await leader
        .getByTestId('panel-seats')
        .getByRole('row', { name: /现场核查/ })
        .filter({ hasText: organisation })
        .getByRole('link', { name: '打开' })
        .click()
      await leader.waitForURL('**/review/site-visit/*')
      await leader.getByRole('button', { name: '无利益冲突，查看材料' }).click()
      const items = leader.locator('select')
      await expect.poll(() => items.count()).toBe(23)
      // Document review's median (75 %) is filled in; the team finds item 1 weaker on site.
      expect(await items.nth(0).inputValue()).toBe('75')
      await items.nth(0).selectOption('60')
      await leader.getByLabel('发现的问题').fill('严重：质量目标未分解到班组\n培训记录缺签字')
      await leader.getByRole('button', { name: '提交评分表' }).click()
      await expect
        .poll(() => leader.locator('[data-field-error^="note_"]').textContent())
        .toContain('请写明现场查看的证据')
      await leader.locator('textarea[name^="note_"]').first().fill('抽查近三个月的经营分析会记录，目标未分解到班组。')
      await shot(leader, '7-expert-site-visit')
      await leader.getByRole('button', { name: '提交评分表' }).click()
      await expect.poll(() => leader.getByText('现场核查表已提交。').count()).toBe(1)
      await context.close()
    }

    // 审定: the final score, term by term; the committee decides. Before publication nothing shows in public.
    await admin.reload()
    await expect.poll(() => admin.getByTestId('final-terms').textContent()).toContain('750.00')
    await shot(admin, '7-admin-final-score')
    const { page: visitor } = await session.as(null)
    await visitor.goto('/results')
    expect(await visitor.getByText(organisation).count()).toBe(0)
    await admin.goto(`/admin/applications/${applicationId}`)
    // No level is chosen for the committee in advance.
    expect(await admin.locator('select[name="levelId"]').inputValue()).toBe('')
    await admin.locator('select[name="levelId"]').selectOption({ label: '金奖' })
    await admin.getByRole('button', { name: '记录决定' }).click()
    await expect.poll(() => admin.getByText('已审定，待公示').count()).toBeGreaterThan(0)
    // The notice is one act for the cycle: it cannot start while the demo's other applications are still in
    // review. Their applicants withdraw them this year.
    await admin.goto('/admin/ranking')
    await expect.poll(() => admin.getByText(/仍在评审中或未作出审定/).count()).toBe(1)
    const stillInReview = [
      'apply@qianhai-logistics.example',
      'apply@nanshan-hospital.example',
      'apply@baoan-precision.example',
      'apply@longgang-energy.example',
      'apply@guangming-biotech.example',
    ]
    for (const email of stillInReview) {
      const { page: other, context } = await session.as(email)
      await other.goto('/applicant')
      await other.getByRole('link', { name: '查看' }).first().click()
      await other.getByLabel('撤回原因').fill('本年度暂不参评')
      await other.getByRole('button', { name: '撤回申报' }).click()
      await expect.poll(() => other.getByText('已撤回').count()).toBeGreaterThan(0)
      // A withdrawn application promises no result.
      await expect.poll(() => other.getByText(/不会有评审结果/).count()).toBe(1)
      await context.close()
    }
    await admin.goto('/admin/ranking')
    await admin.getByRole('button', { name: /开始公示/ }).click()
    await expect.poll(() => admin.getByText('公示中').count()).toBeGreaterThan(0)

    // 公示: the public sees the proposed winner and files a named objection; the secretariat dismisses it.
    await visitor.goto('/notice')
    await visitor
      .getByRole('row', { name: new RegExp(organisation) })
      .getByRole('link', { name: '提出异议' })
      .click()
    await visitor.getByLabel('姓名').fill('林公民')
    await visitor.getByLabel('联系电话').fill('13700001111')
    await visitor.getByLabel('电子邮箱').fill('lin@example.com')
    await visitor.getByLabel('异议内容').fill('该单位2025年利润数据与年报不一致。')
    await visitor.getByLabel('证明材料（名称、出处或说明）').fill('2025年度报告第12页')
    await visitor.getByLabel('证据文件（可选）').setInputFiles({
      name: '2025年度报告摘录.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% annual report\n'),
    })
    await visitor.getByRole('button', { name: '提交异议' }).click()
    await expect.poll(() => visitor.getByText('异议已收到').count()).toBe(1)
    await visitor.goto('/notice')
    await shot(visitor, '5-public-notice')

    await admin.goto(`/admin/applications/${applicationId}`)
    const filed = admin.getByTestId('objection')
    // The objector's evidence file is there for the secretariat to open.
    await expect.poll(() => filed.getByTestId('objection-evidence').textContent()).toContain('2025年度报告摘录.pdf')
    await filed.getByLabel('处理意见').fill('经核对年报，数据一致，异议不成立。')
    await filed.getByRole('button', { name: '异议不成立' }).click()
    await expect
      .poll(() => admin.getByTestId('objection').textContent())
      .toContain('经核对年报，数据一致，异议不成立。')

    // Five working days pass: the notice of this application ends.
    await passNotice(Number(applicationId))
    await admin.goto('/admin/ranking')
    // 批准: the city's approval is recorded (document number and date) before anything is published.
    expect(await admin.getByRole('button', { name: /公布\d{4}年度结果/ }).isDisabled()).toBe(true)
    await admin.getByLabel('批准文件文号').fill('深府函〔2026〕128号')
    await admin.getByLabel('批准日期').fill(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10))
    await admin.getByRole('button', { name: '录入批准' }).click()
    await expect.poll(() => admin.getByTestId('approval').textContent()).toContain('深府函〔2026〕128号')
    await admin.getByRole('button', { name: /公布\d{4}年度结果/ }).click()
    await expect.poll(() => admin.getByText(/结果已于 .* 公布/).count()).toBe(1)
    await shot(admin, '4-admin-published')

    await visitor.goto('/results')
    const row = visitor.getByRole('row', { name: new RegExp(organisation) })
    await expect.poll(() => row.textContent()).toContain('金奖')
    await shot(visitor, '5-public-results')

    // The year's draws are now public: the visitor re-runs every one in the browser and checks the chain.
    await visitor.getByRole('link', { name: '专家抽取公示链' }).click()
    await visitor.waitForSelector('html[data-hydrated]')
    await visitor.getByRole('button', { name: '在浏览器中验证' }).click()
    await expect
      .poll(() => visitor.getByRole('status').textContent(), { timeout: 30_000 })
      .toMatch(/^验证通过：\d+ 条记录/)
    expect(await visitor.getByRole('cell', { name: '不符' }).count()).toBe(0)
    await shot(visitor, '5-public-draw-ledger')
    await visitor.goto('/results')

    await applicant.goto(applicationUrl)
    await expect.poll(() => applicant.getByTestId('result').textContent()).toBe('获得：金奖')
    await expect
      .poll(() => applicant.getByTestId('feedback').textContent())
      .toContain('方法系统，展开充分；建议加强对比分析。')
    // The feedback report sets the applicant's own score beside the experts'.
    await expect
      .poll(() => applicant.getByTestId('self-score-items').locator('tbody tr').first().textContent())
      .toMatch(/^4\.1\.2 .*90%/)
    await shot(applicant, '6-applicant-result')
    await applicant.goto('/applicant')
    await shot(applicant, '6-applicant-home')
    await admin.goto('/admin')
    await shot(admin, '4-admin-desk')

    // The English switch keeps the visitor on the page and translates it, data included.
    await visitor.getByRole('link', { name: 'English' }).click()
    await expect.poll(() => visitor.getByRole('heading', { level: 1 }).textContent()).toBe('Award winners')
    await expect
      .poll(() => visitor.getByRole('row', { name: new RegExp(organisation) }).textContent())
      .toContain('Gold award')
  })
})
