import { chromium } from 'playwright-core'
const base = 'http://127.0.0.1:3999'
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' })
async function as(email, width) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' })
  const page = await context.newPage()
  if (email) {
    await page.goto(base + '/login')
    await page.waitForSelector('html[data-hydrated]')
    await page.waitForTimeout(500)
    await page.getByLabel('电子邮箱').fill(email)
    await page.getByLabel('密码').fill('award-demo-2026')
    await page.getByRole('button', { name: '登录' }).click()
    await page.waitForURL((url) => !url.pathname.startsWith('/login'))
    await page.waitForLoadState('networkidle')
  }
  return page
}
const jobs = JSON.parse(process.argv[2])
for (const job of jobs) {
  for (const width of [1280, 390]) {
    const page = await as(job.email, width)
    await page.goto(base + job.path)
    await page.waitForLoadState('networkidle')
    const target = job.selector ? page.locator(job.selector).first() : page
    await target.screenshot({ path: `/tmp/demo/${job.name}-${width}.png`, ...(job.selector ? {} : { fullPage: false }) })
    await page.context().close()
  }
}
await browser.close()
