import { actingOffices } from '../../workflows/account/duties'
import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../../workflows/application/application.policy'
import { copyOfSharedDatabase } from './demo-db'
import { spawnServer } from './spawn'
import { browserSession, openReady, shot } from './browser'

/**
 * The expert pool end to end, on a database copy of its own: the secretariat imports two experts from an Excel
 * file, draws for a whole category, an imported expert sets a password through the invitation link and declares
 * a conflict before seeing anything of the application, the redraw appears on the record, the redrawn expert
 * scores, and another imported expert (excluded from one applicant for a consulting tie) scores the other one.
 */
const database = await copyOfSharedDatabase('award-experts-')
let server: { url: string; stop: () => void } | undefined
const ids: Record<'first' | 'second', number> = { first: 0, second: 0 }
const organisations = { first: '光明生态环保有限公司', second: '大鹏湾海洋科技有限公司' }

/** Two ecology entries in document review, nobody drawn yet; three experts per application. */
async function prepare() {
  Object.assign(process.env, database.env)
  const { getDb, closeDb } = await import('../../db/client.server')
  const { acceptIntoReview, createApplicantAccount, createCompleteDraft } = await import('../../db/factories')
  const { getCurrentCycle } = await import('../../db/repositories/cycles')
  const { demoPassword } = await import('../../db/seed')
  const db = getDb()
  const cycle = (await getCurrentCycle(db))!
  await db.updateTable('cycles').set({ reviewers_per_application: 3 }).where('id', '=', cycle.id).execute()
  const admin = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'secretariat@award.example')
    .executeTakeFirstOrThrow()
  const secretariat: Actor = { userId: admin.id, role: 'admin', organisationId: null, offices: actingOffices }
  for (const [key, name, n] of [
    ['first', organisations.first, 8901],
    ['second', organisations.second, 8902],
  ] as const) {
    const actor = await createApplicantAccount(db, {
      n,
      name,
      email: `apply${n}@ecology.example`,
      password: demoPassword,
    })
    const draft = await createCompleteDraft(db, actor, cycle.id, { categoryCode: 'ecology' })
    await acceptIntoReview(db, { draft, applicant: actor, admin: secretariat })
    ids[key] = draft.id
  }
  await closeDb()
  server = await spawnServer({ ...database.env })
}

beforeAll(prepare, 60_000)
afterAll(async () => {
  server?.stop()
  await database.remove()
})

const session = browserSession(undefined, () => server!.url)

const query = <T>(sql: string, ...params: unknown[]): Promise<T[]> => database.all<T>(sql, ...params)

/** The experts drawn (still active) for an application, by e-mail. */
const drawnFor = (applicationId: number) =>
  query<{ email: string; status: string }>(
    `select u.email, a.status from assignments a join users u on u.id = a.reviewer_id where a.application_id = ? order by a.id`,
    applicationId,
  )

/** The passwords experts set through their invitation links in this test. */
const setPasswords = new Map<string, string>()

/**
 * An expert's way in: an imported one sets a password through the invitation in their e-mail the first time (and
 * logs in with it after: the same expert may be drawn twice, for a redraw too); a demo one logs in.
 */
async function asExpert(email: string): Promise<Page> {
  const [user] = await query<{ password_hash: string }>('select password_hash from users where email = ?', email)
  if (user!.password_hash.startsWith('$')) {
    // Logged in here rather than through session.as, so that a refused login says why instead of timing out.
    const { page } = await session.as(null)
    await openReady(page, '/login')
    await page.getByLabel('电子邮箱').fill(email)
    await page.getByLabel('密码').fill(setPasswords.get(email) ?? 'award-demo-2026')
    await page.getByRole('button', { name: '登录' }).click()
    const outcome = await Promise.race([
      page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 20_000 }).then(() => null),
      page
        .locator('[role="alert"]')
        .first()
        .waitFor({ timeout: 20_000 })
        .then(async () => page.locator('[role="alert"]').allTextContents()),
    ])
    if (outcome) throw new Error(`login refused for ${email}: ${outcome.join(' / ')}`)
    return page
  }
  const [message] = await query<{ payload: string }>(
    `select payload from outbox where recipient = ? and kind = 'account.INVITED' order by id desc limit 1`,
    email,
  )
  const token = (JSON.parse(message!.payload) as { token: string }).token
  const { page } = await session.as(null)
  await openReady(page, `/password/${token}`)
  await page.getByLabel('新密码', { exact: true }).fill('lantern-river-2026')
  await page.getByLabel('确认新密码').fill('lantern-river-2026')
  await page.getByRole('button', { name: '设置密码并登录' }).click()
  await page.waitForURL('**/review')
  setPasswords.set(email, 'lantern-river-2026')
  return page
}

async function scoreAll(page: Page, organisation: string, percentage: number) {
  await openReady(page, '/review')
  await page
    .getByRole('row', { name: new RegExp(organisation) })
    .getByRole('link', { name: '查看邀请并声明' })
    .click()
  await page.getByRole('button', { name: '无利益冲突，接受评审' }).click()
  const selects = page.locator('select')
  await expect.poll(() => selects.count()).toBe(23)
  for (let s = 0; s < 23; s++) await selects.nth(s).selectOption(String(percentage))
  for (const area of await page.locator('textarea[name^="strengths"], textarea[name^="opportunities"]').all())
    await area.fill('方法系统；建议加强对比分析。')
  await page.getByRole('button', { name: '提交评分表' }).click()
  await expect.poll(() => page.getByText('评分表已提交，不能再修改。').count()).toBe(1)
}

describe('the expert pool, drawn for a category', () => {
  it('imports experts, draws for the category, records the conflict, the refusal and the redraw, and the experts score', async () => {
    const { page: admin } = await session.as('secretariat@award.example')
    // 1. Two experts from the secretariat's Excel list; 孙评审 advised the first applicant until last year.
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('专家名单')
    sheet.addRow(['姓名', '电子邮箱', '类别', '专业领域', '熟悉行业', '现任职单位', '关联单位'])
    sheet.addRow([
      '孙评审',
      'sun@experts.example',
      '评审员',
      '环境管理',
      '生态环境',
      '深圳大学',
      `咨询服务对象|${organisations.first}|2025-12-31`,
    ])
    sheet.addRow(['钱评审', 'qian@experts.example', '行业专家', '生态修复', '生态环境', '中山大学深圳校区', ''])
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
    await openReady(admin, '/admin/experts/import')
    await admin.locator('input[type="file"]').setInputFiles({
      name: '专家名单.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer,
    })
    await admin.getByRole('button', { name: '检查并导入' }).click()
    await expect.poll(() => admin.getByTestId('import-report').textContent()).toContain('已导入 2 位专家')
    await shot(admin, '9-admin-import')

    // 2. One draw for the whole category.
    await openReady(admin, '/admin/experts/progress')
    await admin.locator('select[name="categoryCode"]').selectOption('ecology')
    await admin.getByRole('button', { name: '抽取', exact: true }).click()
    await expect.poll(() => admin.getByText('已为该领域抽取评审专家').count()).toBe(1)
    const first = (await drawnFor(ids.first)).map((r) => r.email)
    const second = (await drawnFor(ids.second)).map((r) => r.email)
    expect(first).toHaveLength(3)
    expect(second).toHaveLength(3)
    expect(first).not.toContain('sun@experts.example')
    // The draw record on the first application names the exclusion and why.
    await openReady(admin, `/admin/applications/${ids.first}`)
    await expect
      .poll(() => admin.getByTestId('draw-record').first().textContent())
      .toContain(`孙评审: 近三年曾为${organisations.first}提供咨询`)
    await shot(admin, '9-admin-draw-record')

    // 3. 孙评审 (drawn for the second) sets a password through the invitation and declares a conflict before
    //    seeing the application; another expert is redrawn at once.
    expect(second).toContain('sun@experts.example')
    const sun = await asExpert('sun@experts.example')
    await openReady(sun, '/review')
    await sun
      .getByRole('row', { name: new RegExp(organisations.second) })
      .getByRole('link', { name: '查看邀请并声明' })
      .click()
    expect(await sun.getByTestId('invitation').textContent()).toContain(organisations.second)
    await sun.getByLabel('利益冲突情况说明').fill('本人曾在该单位兼职。')
    await sun.getByRole('button', { name: '存在利益冲突，申请回避' }).click()
    await expect.poll(() => sun.getByText('已申报回避').count()).toBe(1)
    const afterRedraw = await drawnFor(ids.second)
    expect(afterRedraw.filter((r) => r.status === 'invited').map((r) => r.email)).toHaveLength(3)
    const redrawn = afterRedraw.at(-1)!.email
    expect(second).not.toContain(redrawn)
    await openReady(admin, `/admin/applications/${ids.second}`)
    await expect.poll(() => admin.getByTestId('draw-record').count()).toBe(2)
    expect(await admin.getByTestId('draw-record').nth(1).textContent()).toContain('补抽')

    // 4. The redrawn expert scores the second application; the experts of the first score it.
    await scoreAll(await asExpert(redrawn), organisations.second, 75)
    for (const [i, email] of first.entries()) await scoreAll(await asExpert(email), organisations.first, 70 + i * 5)
    expect(
      (await query<{ status: string }>('select status from applications where id = ?', ids.first))[0]!.status,
    ).toBe('scored')
    const [submitted] = await query<{ n: number | string }>(
      `select count(*) as n from assignments where application_id = ? and status = 'submitted'`,
      ids.second,
    )
    expect(Number(submitted!.n)).toBe(1)
  })
})
