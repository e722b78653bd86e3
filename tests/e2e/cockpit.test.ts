import fs from 'node:fs'
import ExcelJS from 'exceljs'
import { PDFParse } from 'pdf-parse'
import type { Download, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSession, openReady } from './browser'

const session = browserSession()

/** Clicks a download link as a user does and returns the file the browser saved, with its suggested name. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download') as Promise<Download>, click()])
  return { name: file.suggestedFilename(), bytes: fs.readFileSync((await file.path())!) }
}

async function pdfText(bytes: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) })
  try {
    return (await parser.getText()).text
  } finally {
    await parser.destroy()
  }
}

describe('the secretariat\u2019s desk in a browser', () => {
  it('draws the pipeline chart with its table, and downloads the list as Excel and an application as a PDF', async () => {
    const { page } = await session.as('secretariat@award.example')
    await openReady(page, '/admin')
    const chart = page.getByTestId('pipeline')
    // The chart is an image the browser decoded (a broken SVG has no natural size), with its table beside it.
    await expect
      .poll(() => chart.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0)
    expect(await chart.locator('img').getAttribute('alt')).toBeTruthy()
    expect(await chart.locator('table tbody tr').count()).toBeGreaterThan(0)

    const list = await download(page, () => page.getByRole('link', { name: /Excel/ }).first().click())
    expect(list.name).toMatch(/\.xlsx$/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(list.bytes as unknown as ArrayBuffer)
    const header = (workbook.worksheets[0]!.getRow(1).values as unknown[]).slice(1)
    expect(header.slice(0, 3)).toEqual(['申报编号', '申报单位', '统一社会信用代码'])
    const organisations = workbook.worksheets[0]!.getColumn(2).values.slice(2)
    expect(organisations).toContain('宝安精密制造有限公司')

    await page
      .getByRole('row')
      .filter({ hasText: '宝安精密制造有限公司' })
      .getByRole('link', { name: '宝安精密制造有限公司' })
      .click()
    await page.waitForURL(/\/admin\/applications\/\d+$/)
    const pdf = await download(page, () => page.getByRole('link', { name: '下载申报书（PDF）' }).click())
    expect(pdf.name).toBe('宝安精密制造有限公司-申报书.pdf')
    const text = await pdfText(pdf.bytes)
    expect(text).toContain('深圳市市长质量奖申报书')
    expect(text).toContain('宝安精密制造有限公司')
    expect(text).toContain('四、自评报告')
  })
})

describe('the analytics in a browser', () => {
  it('draws the four charts as images the browser decodes, each with its table', async () => {
    const { page } = await session.as('secretariat@award.example')
    await openReady(page, '/admin')
    await page.getByRole('link', { name: /统计分析/ }).click()
    await page.waitForURL('**/admin/analytics')
    for (const id of ['progress-chart', 'spread-chart', 'leniency-chart', 'distribution-chart']) {
      const figure = page.getByTestId(id)
      await expect
        .poll(() => figure.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), {
          message: id,
        })
        .toBeGreaterThan(0)
      expect(await figure.locator('table tbody tr').count(), id).toBeGreaterThan(0)
    }
  })
})

describe('the applicant\u2019s own application as a PDF', () => {
  it('downloads from the application\u2019s page', async () => {
    const { page } = await session.as('apply@baoan-precision.example')
    await page.getByRole('link', { name: '查看' }).first().click()
    await page.waitForURL(/\/applicant\/applications\/\d+$/)
    const pdf = await download(page, () => page.getByRole('link', { name: '下载申报书（PDF）' }).click())
    expect(await pdfText(pdf.bytes)).toContain('宝安精密制造有限公司')
  })
})

describe('links in long lists', () => {
  it('move within the app without reloading the page, and a Ctrl-click still opens a new tab', async () => {
    const { page, context } = await session.as('secretariat@award.example')
    await openReady(page, '/admin')
    // A document load would drop this mark; an in-app navigation keeps it.
    await page.evaluate(() => Object.assign(window, { keptAcrossNavigation: true }))
    await page
      .getByTestId('desk-sort')
      .getByRole('link', { name: /按评分进度/ })
      .click()
    await page.waitForURL(/sort=progress/)
    await expect.poll(() => page.getByTestId('desk-sort').locator('strong').textContent()).toMatch(/按评分进度/)
    const row = page.locator('form#bulk tbody').getByRole('link').first()
    const href = await row.getAttribute('href')
    await row.click()
    await page.waitForURL((url) => url.pathname === href)
    await page.locator('h1').waitFor()
    expect(
      await page.evaluate(() => (window as unknown as { keptAcrossNavigation?: boolean }).keptAcrossNavigation),
    ).toBe(true)
    // Back on the desk, a Ctrl-click opens the application in a new tab and leaves this one where it was.
    await page.goBack()
    await page.waitForURL(/sort=progress/)
    const [opened] = await Promise.all([
      context.waitForEvent('page'),
      page
        .locator('form#bulk tbody')
        .getByRole('link')
        .first()
        .click({ modifiers: ['Control'] }),
    ])
    await opened.waitForLoadState()
    expect(new URL(opened.url()).pathname).toMatch(/^\/admin\/applications\/\d+$/)
    expect(new URL(page.url()).searchParams.get('sort')).toBe('progress')
    await opened.close()
  })
})
