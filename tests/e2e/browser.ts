import path from 'node:path'
import fs from 'node:fs'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, expect, inject } from 'vitest'
import { demoPassword } from '../../db/seed'
import { sharedDatabase } from './demo-db'

/** Debian's Chromium, never a downloaded browser; flags that keep it off the (closed) network. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
}

/** Playwright gives every launch a fresh, empty profile directory of its own. */
export async function launchBrowser(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  return {
    browser,
    close: async () => {
      await browser.close()
    },
  }
}

export const screenshotDir = path.resolve('test-results/screenshots')

export async function shot(page: Page, name: string) {
  fs.mkdirSync(screenshotDir, { recursive: true })
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true })
}

/**
 * One browser for a test file; `as(email)` opens a fresh context (its own cookies) logged in as that user,
 * or as a visitor with null. Pages are in Chinese, as for most users; a page error fails the test.
 */
export function browserSession(
  viewport = { width: 1280, height: 900 },
  baseUrl: () => string = () => inject('baseUrl'),
) {
  let browser: Browser
  let close: (() => Promise<void>) | undefined
  beforeAll(async () => {
    ;({ browser, close } = await launchBrowser())
  })
  afterAll(async () => {
    await close?.()
  })
  return {
    /**
     * What cannot be undone asks first (window.confirm): the session accepts, as a user who means it would, and
     * keeps each question so a test can check what the user was told.
     */
    async as(
      email: string | null,
      password = demoPassword,
    ): Promise<{ context: BrowserContext; page: Page; confirmations: string[] }> {
      const context = await browser.newContext({ baseURL: baseUrl(), locale: 'zh-CN', viewport })
      context.setDefaultTimeout(10_000)
      const page = await context.newPage()
      page.on('pageerror', (error) => {
        throw error
      })
      const confirmations: string[] = []
      page.on('dialog', (dialog) => {
        confirmations.push(dialog.message())
        void dialog.accept()
      })
      if (email) {
        // Typed only once React has taken the page over: typed earlier, hydration can reset the fields under load.
        await page.goto('/login')
        await page.waitForSelector('html[data-hydrated]')
        await page.getByLabel('电子邮箱').fill(email)
        await page.getByLabel('密码').fill(password)
        await page.getByRole('button', { name: '登录' }).click()
        await page.waitForURL((url) => !url.pathname.startsWith('/login'))
      }
      return { context, page, confirmations }
    },
  }
}

export interface Registration {
  organisation: string
  uscc: string
  contact: string
  email: string
  phone: string
  password: string
}

/**
 * Fills the registration form as an applicant would, follows the link of the e-mail it sends (read from the
 * outbox, where it waits to be sent) and lands on the applicant's start page.
 */
export async function registerInBrowser(page: Page, who: Registration) {
  if (!page.url().endsWith('/register')) await openReady(page, '/register')
  await page.getByLabel('单位名称').fill(who.organisation)
  await page.getByLabel('统一社会信用代码').fill(who.uscc)
  await page.getByLabel('联系人').fill(who.contact)
  await page.getByLabel('电子邮箱').fill(who.email)
  await page.getByLabel('联系电话').fill(who.phone)
  await page.getByLabel('密码', { exact: true }).fill(who.password)
  await page.getByLabel('确认密码').fill(who.password)
  await page.getByRole('button', { name: '注册' }).click()
  await page.getByRole('heading', { name: '请查收确认邮件' }).waitFor()
  const message = (await sharedDatabase().get<{ payload: string }>(
    `select payload from outbox where recipient = ? and kind = 'account.CONFIRM_REGISTRATION' order by id desc limit 1`,
    who.email.toLowerCase(),
  ))!
  const { token } = JSON.parse(message.payload) as { token: string }
  await openReady(page, `/register/confirm/${token}`)
  await page.getByText(who.organisation).waitFor()
  await page.getByRole('button', { name: '确认注册并登录' }).click()
  await page.waitForURL('**/applicant')
}

/** Opens a page and waits until React has taken it over, so what the test types is not reset by hydration. */
export async function openReady(page: Page, path: string) {
  await page.goto(path)
  await page.waitForSelector('html[data-hydrated]')
}

export async function reloadReady(page: Page) {
  await page.reload()
  await page.waitForSelector('html[data-hydrated]')
}

/**
 * The last step before submitting (issue 22): on the summary, the signed letter uploaded (unless one is on file)
 * and the legal representative's confirmation given under the name the profile gives.
 */
export async function confirmAsLegalRepresentative(page: Page, name: string, options: { upload?: boolean } = {}) {
  const card = page.getByTestId('legal-confirmation')
  if (options.upload !== false) {
    await card.locator('input[type="file"]').setInputFiles({
      name: '法定代表人承诺书.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% signed and sealed by the legal representative\n'),
    })
    await card.getByRole('button', { name: '上传承诺书' }).click()
    await expect.poll(() => card.getByRole('link', { name: '法定代表人承诺书.pdf' }).count()).toBe(1)
  }
  await card.getByLabel('法定代表人姓名').fill(name)
  await card.getByLabel(/已阅读并确认上述承诺/).check()
  await card.getByRole('button', { name: '确认承诺' }).click()
  await expect.poll(() => card.getAttribute('data-standing')).toBe('current')
}
