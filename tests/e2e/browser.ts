import path from 'node:path'
import fs from 'node:fs'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, inject } from 'vitest'
import { demoPassword } from '../../db/seed'

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
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
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
export function browserSession() {
  let browser: Browser
  let close: (() => Promise<void>) | undefined
  beforeAll(async () => {
    ;({ browser, close } = await launchBrowser())
  })
  afterAll(async () => {
    await close?.()
  })
  return {
    async as(email: string | null, password = demoPassword): Promise<{ context: BrowserContext; page: Page }> {
      const context = await browser.newContext({ baseURL: inject('baseUrl'), locale: 'zh-CN', viewport: { width: 1280, height: 900 } })
      context.setDefaultTimeout(10_000)
      const page = await context.newPage()
      page.on('pageerror', (error) => {
        throw error
      })
      if (email) {
        await page.goto('/login')
        await page.getByLabel('电子邮箱').fill(email)
        await page.getByLabel('密码').fill(password)
        await page.getByRole('button', { name: '登录' }).click()
        await page.waitForURL((url) => !url.pathname.startsWith('/login'))
      }
      return { context, page }
    },
  }
}
