import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { codeAt } from '../../workflows/account/two-factor'
import { browserSession, openReady, shot } from './browser'
import { copyOfSharedDatabase } from './demo-db'
import { spawnServer } from './spawn'

/**
 * Issue 24 in the browser: two-step sign-in where the deployment requires it of staff (TWO_FACTOR=staff), on a copy
 * of the demo database of its own. An expert is sent to set it up, scans (here: reads) the key, confirms with the
 * app's code and keeps the recovery codes; the next login asks for the code, and a later one takes a recovery code.
 */
const database = await copyOfSharedDatabase('award-two-factor-')
let server: { url: string; stop: () => void } | undefined

beforeAll(async () => {
  server = await spawnServer({ ...database.env, TWO_FACTOR: 'staff' })
}, 60_000)
afterAll(async () => {
  server?.stop()
  await database.remove()
})

const session = browserSession(undefined, () => server!.url)
const expert = 'reviewer5@award.example'

async function passwordStep(page: Page) {
  await openReady(page, '/login')
  await page.getByLabel('电子邮箱').fill(expert)
  await page.getByLabel('密码').fill('award-demo-2026')
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL('**/login/code**')
  await page.waitForSelector('html[data-hydrated]')
}

describe('two-step sign-in in the browser', () => {
  it('sets it up when required, then asks each login for the app\u2019s code or a recovery code', async () => {
    const { context, page } = await session.as(expert)
    // Required of staff: any page leads to the set-up first.
    await openReady(page, '/review')
    await page.waitForURL('**/account/two-factor')
    await expect.poll(() => page.getByText('本系统要求您的账号开启两步验证').count()).toBe(1)
    expect(await page.locator('.qr svg').count()).toBe(1)
    const secret = (await page.getByTestId('totp-key').innerText()).replace(/\s+/g, '')
    await page.getByLabel('验证码').fill('000000')
    await page.getByRole('button', { name: '开启两步验证' }).click()
    await expect.poll(() => page.getByText('验证码不正确或已使用').count()).toBeGreaterThan(0)
    await page.getByLabel('验证码').fill(codeAt(secret, Date.now()))
    await page.getByRole('button', { name: '开启两步验证' }).click()
    const codes = page.getByTestId('recovery-codes').locator('code')
    await expect.poll(() => codes.count()).toBe(10)
    const recovery = await codes.nth(0).innerText()
    await shot(page, 'two-factor-recovery-codes')
    await openReady(page, '/review')
    expect(new URL(page.url()).pathname).toBe('/review')
    await context.close()

    // A new login: the password alone opens nothing; the app's next code does.
    const fresh = await session.as(null)
    await passwordStep(fresh.page)
    await shot(fresh.page, 'two-factor-login-code')
    await fresh.page.getByLabel('验证码').fill(codeAt(secret, Date.now() + 30_000))
    await fresh.page.getByRole('button', { name: '验证并登录' }).click()
    await fresh.page.waitForURL('**/review')
    await fresh.context.close()

    // The phone is lost: a recovery code gets in, once.
    const lost = await session.as(null)
    await passwordStep(lost.page)
    await lost.page.getByLabel('验证码').fill(recovery)
    await lost.page.getByRole('button', { name: '验证并登录' }).click()
    await lost.page.waitForURL('**/review')
    await openReady(lost.page, '/account/two-factor')
    await expect.poll(() => lost.page.getByTestId('two-factor-state').innerText()).toContain('尚有 9 个未使用的恢复码')
    await expect.poll(() => lost.page.getByText('使用恢复码登录或确认').count()).toBe(1)
    await lost.context.close()
  })
})
