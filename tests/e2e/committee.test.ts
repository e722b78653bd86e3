import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserSession, openReady, shot } from './browser'
import { copyOfSharedDatabase } from './demo-db'
import { spawnServer } from './spawn'

/**
 * Issue 22 in the browser: the committee of the demo (its two members and the secretariat's all-round account)
 * votes on 光明生物医药, the entry whose three scores are in, and records the decision from the vote. On a server of
 * its own over a copy of the demo, its cycle set to decide by vote.
 */
let server: { url: string; stop: () => void }
let database: Awaited<ReturnType<typeof copyOfSharedDatabase>>

beforeAll(async () => {
  database = await copyOfSharedDatabase('award-committee-')
  await database.run('update cycles set committee_vote = 1 where results_published_at is null')
  server = await spawnServer({ ...database.env })
})

afterAll(async () => {
  server?.stop()
  await database?.remove()
})

const session = browserSession(undefined, () => server.url)

describe('the committee’s vote in the browser (issue 22)', () => {
  it('two members vote for gold, the vote carries, and a member records the decision from it', async () => {
    for (const member of ['committee1@award.example', 'committee2@award.example']) {
      const { page, context } = await session.as(member)
      await openReady(page, '/admin/committee')
      expect(await page.getByTestId('committee-rules').innerText()).toContain('委员 3 名')
      const card = page.getByTestId('candidate').filter({ hasText: '光明生物医药有限公司' })
      const gold = card.getByTestId('tally').locator('tbody tr').filter({ hasText: '金奖' })
      await gold.getByLabel('赞成').check()
      await gold.getByRole('button', { name: '投票' }).click()
      await page.getByText('表决已记录。').waitFor()
      await context.close()
    }
    const { page } = await session.as('committee1@award.example')
    await openReady(page, '/admin/committee')
    const card = page.getByTestId('candidate').filter({ hasText: '光明生物医药有限公司' })
    const gold = card.getByTestId('tally').locator('tbody tr').filter({ hasText: '金奖' })
    await expect.poll(() => gold.innerText()).toContain('已通过')
    // Not carried: the silver motion has no votes, and offers no decision.
    const silver = card.getByTestId('tally').locator('tbody tr').filter({ hasText: '银奖' })
    expect(await silver.getByRole('button', { name: '按表决结果记录决定' }).count()).toBe(0)
    await shot(page, 'committee-vote')
    await gold.getByRole('button', { name: '按表决结果记录决定' }).click()
    await page.getByText('已按表决结果记录决定。').waitFor()
    const decided = page.getByTestId('candidate').filter({ hasText: '光明生物医药有限公司' })
    expect(await decided.innerText()).toContain('已审定：金奖')
    expect(await decided.getByTestId('recorded-tallies').innerText()).toContain('金奖：赞成 2、反对 0、弃权 0')
    const decidedRow = await database.get<{ status: string }>(
      "select a.status from applications a join organisations o on o.id = a.organisation_id where o.name = '光明生物医药有限公司' and a.cycle_id = (select id from cycles order by year desc limit 1)",
    )
    expect(decidedRow?.status).toBe('decided')
  })

  it('leaves out of the vote a member whose declared tie is a candidate, and takes a department’s answer with its letter', async () => {
    // The secretariat's all-round account sits on the committee too: it declares 光明生物医药 a competitor.
    const { page: member, context } = await session.as('secretariat@award.example')
    await openReady(member, '/admin/committee')
    const ties = member.getByTestId('member-ties')
    // Open while nothing is declared.
    expect(await ties.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(true)
    await ties.getByLabel('关系').selectOption('competitor')
    await ties.getByLabel('单位名称').fill('光明生物医药有限公司')
    await ties.getByRole('button', { name: '申报' }).click()
    await member.getByText('关联单位已申报。').waitFor()
    const card = member.getByTestId('candidate').filter({ hasText: '光明生物医药有限公司' })
    await expect
      .poll(() => card.getByTestId('my-conflict').innerText())
      .toContain('您申报的关联：与光明生物医药有限公司存在竞争关系')
    expect(await card.getByRole('button', { name: '投票' }).count()).toBe(0)
    await shot(member, 'committee-conflict')
    await context.close()

    // The review agency enters the tax bureau's answer from its letter on the application's page.
    const { id } = (await database.get<{ id: number }>(
      "select a.id from applications a join organisations o on o.id = a.organisation_id where o.name = '光明生物医药有限公司' and a.cycle_id = (select id from cycles order by year desc limit 1)",
    ))!
    const { page: agency } = await session.as('agency@award.example')
    await openReady(agency, `/admin/applications/${id}#social`)
    const form = agency.getByTestId('social-form-tax')
    await form.getByLabel('无不良记录').check()
    await form.getByPlaceholder('复函文号').fill('深税函〔2026〕88号')
    await form.locator('input[type="file"]').setInputFiles({
      name: '税务局复函.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% tax bureau letter\n'),
    })
    await form.getByRole('button', { name: '登记' }).click()
    const answers = agency.getByTestId('social-answers')
    await expect.poll(() => answers.getByRole('link', { name: '税务局复函.pdf' }).count()).toBe(1)
    expect(await answers.innerText()).toContain('深税函〔2026〕88号')
    await shot(agency, 'social-letter')
  })
})
