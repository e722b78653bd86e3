import path from 'node:path'
import { type Browser, chromium } from 'playwright-core'

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
