import { actingOffices } from '../../workflows/account/duties'
import chineseDays from 'chinese-days/dist/chinese-days.json'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../../workflows/application/application.policy'
import { copyOfSharedDatabase } from './demo-db'
import { spawnServer } from './spawn'
import { scoredCultureEntries } from './scored-entries'
import { browserSession, openReady, shot } from './browser'

/**
 * The committee's decisions and the public notice, on a copy of the demo database of their own (the shared one
 * keeps its state for the journey): two scored entries of the culture category, the lower one awarded above the
 * higher; the notice then counts working days of the official calendar.
 */
const database = await copyOfSharedDatabase('award-decisions-')
let server: { url: string; stop: () => void } | undefined
const ids: Record<'higher' | 'lower', number> = { higher: 0, lower: 0 }

/** Two culture entries scored 800 and 700 by three demo reviewers; the demo's other entries withdrawn. */
async function prepare() {
  Object.assign(process.env, database.env)
  const { closeDb } = await import('../../db/client.server')
  const { applyApplicationEvent } = await import('../../workflows/application/application.server')
  const {
    db,
    cycle,
    admin,
    ids: scored,
  } = await scoredCultureEntries([
    { name: '龙岗文化产业集团', percentage: 80, n: 8801 },
    { name: '罗湖艺术中心', percentage: 70, n: 8802 },
  ])
  ;[ids.higher, ids.lower] = scored as [number, number]
  // This cycle shortlists two per category (入围) before the committee decides.
  await db.updateTable('cycles').set({ shortlist_size: 2 }).where('id', '=', cycle.id).execute()
  // A notice started in the last weeks of December runs into next year: its official calendar must be known first
  // (issue 17). Where the built-in data lacks it, the secretariat enters it (New Year's Day) as it would.
  const { officialCalendar, enterOfficialCalendar } = await import('../../workflows/cycle/calendar.server')
  const nextYear = new Date(Date.now() + 8 * 3600_000).getUTCFullYear() + 1
  if (!(await officialCalendar(db)).knownYears.has(nextYear))
    await enterOfficialCalendar(db, {
      actor: admin,
      cycleId: cycle.id,
      year: nextYear,
      holidays: [`${nextYear}-01-01`],
      workdays: [],
    })
  // The demo's other entries leave this year, so that the notice can start for the cycle.
  const others = await db
    .selectFrom('applications')
    .select(['id', 'version', 'organisation_id', 'status'])
    .where('cycle_id', '=', cycle.id)
    .where('id', 'not in', Object.values(ids))
    .execute()
  // (A draft never submitted is not in the process and does not hold the notice.)
  for (const other of others.filter((o) => !['withdrawn', 'draft'].includes(o.status))) {
    const account = await db
      .selectFrom('users')
      .select('id')
      .where('organisation_id', '=', other.organisation_id)
      .executeTakeFirstOrThrow()
    const owner: Actor = {
      userId: account.id,
      role: 'applicant',
      organisationId: other.organisation_id,
    }
    await applyApplicationEvent(db, {
      applicationId: other.id,
      actor: owner,
      event: { type: 'WITHDRAW', reason: '本年度暂不参评' },
      expectedVersion: other.version,
    })
  }
  await closeDb()
  server = await spawnServer({ ...database.env })
}

/**
 * Both shortlisted entries through the second half by the services, as the journey does it in the browser: a
 * defence scored at the entry's level by each panel member, a site visit confirming document review.
 */
async function throughSecondHalf() {
  const { getDb, closeDb } = await import('../../db/client.server')
  const { getCurrentCycle } = await import('../../db/repositories/cycles')
  const { getCriteriaTree } = await import('../../db/repositories/criteria')
  const { saveDefenceSheet, scheduleDefence } = await import('../../workflows/stages/defence.server')
  const { declarePanelSeat } = await import('../../workflows/stages/panel-declaration.server')
  const declare = (stage: 'defence' | 'siteVisit', applicationId: number, userId: number) =>
    declarePanelSeat(db, {
      stage,
      applicationId,
      actor: expert(userId),
      declaration: { conflict: false },
    })
  const { documentReference, saveSiteVisitSheet, scheduleSiteVisit } =
    await import('../../workflows/stages/site-visit.server')
  const db = getDb()
  const cycle = (await getCurrentCycle(db))!
  const tree = await getCriteriaTree(db, cycle.edition_id)
  const admin = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'secretariat@award.example')
    .executeTakeFirstOrThrow()
  const secretariat: Actor = {
    userId: admin.id,
    role: 'admin',
    organisationId: null,
    offices: actingOffices,
  }
  const expert = (userId: number): Actor => ({
    userId,
    role: 'reviewer',
    organisationId: null,
  })
  const version = async (id: number) =>
    (await db.selectFrom('applications').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version
  const later = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10)
  for (const [i, [id, percentage]] of (
    [
      [ids.higher, 80],
      [ids.lower, 70],
    ] as const
  ).entries()) {
    // On days of their own (one room, one panel at a time), each confirmed by its applicant, each sheet saved
    // once its day has come.
    const defenceDay = later(8 + i)
    const visitDay = later(14 + i)
    const confirm = (table: 'defences' | 'site_visits') =>
      db.updateTable(table).set({ confirmed_at: new Date().toISOString() }).where('application_id', '=', id).execute()
    const panel = await scheduleDefence(db, {
      applicationId: id,
      startsAt: `${defenceDay}T09:30`,
      minutes: 40,
      place: '市民中心B区301',
      actor: secretariat,
      expectedVersion: await version(id),
    })
    await confirm('defences')
    for (const userId of panel) {
      await declare('defence', id, userId)
      await saveDefenceSheet(db, {
        applicationId: id,
        actor: expert(userId),
        scores: new Map(tree.categories.map((c) => [c.id, percentage] as const)),
        notes: '',
        submit: true,
        expectedVersion: null,
        now: new Date(`${defenceDay}T09:31:00+08:00`).toISOString(),
      })
    }
    const team = await scheduleSiteVisit(db, {
      applicationId: id,
      visitDate: visitDay,
      address: '深圳市罗湖区',
      actor: secretariat,
      expectedVersion: await version(id),
    })
    const reference = await documentReference(db, id)
    const items = new Map(
      tree.categories.flatMap((c) =>
        c.items.map((item) => [item.id, { percentage: reference.get(item.id)!, note: '' }] as const),
      ),
    )
    await confirm('site_visits')
    await declare('siteVisit', id, team[0]!)
    const visit = await db
      .selectFrom('site_visits')
      .select('version')
      .where('application_id', '=', id)
      .executeTakeFirstOrThrow()
    await saveSiteVisitSheet(db, {
      applicationId: id,
      actor: expert(team[0]!),
      items,
      findings: [],
      submit: true,
      expectedVersion: visit.version,
      now: new Date(`${visitDay}T10:00:00+08:00`).toISOString(),
    })
  }
  await closeDb()
}

/** The last day of a notice of `days` working days from today (Beijing), from the package's calendar directly. */
function expectedLastDay(days: number): string {
  let day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
  let counted = 0
  for (;;) {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
    // New Year's Day is a holiday also in a year the package does not know yet (entered in prepare above).
    const holiday = day in chineseDays.holidays || day.endsWith('-01-01')
    const working = day in chineseDays.workdays || (weekday !== 0 && weekday !== 6 && !holiday)
    if (working && ++counted === days) return day
    day = new Date(Date.parse(`${day}T00:00:00Z`) + 24 * 3600_000).toISOString().slice(0, 10)
  }
}

beforeAll(prepare, 60_000)
afterAll(async () => {
  server?.stop()
  await database.remove()
})

const session = browserSession(undefined, () => server!.url)

describe('decisions that depart from the ranking, and the notice', () => {
  it('asks for a reason beside the field when the lower-ranked entry is awarded above the higher, and shows it beside the ranking', async () => {
    const { page: admin } = await session.as('secretariat@award.example')
    // The shortlist first: both culture entries, the top two, are ticked already.
    await openReady(admin, '/admin/ranking?category=culture')
    const shortlist = admin.getByTestId('shortlist-culture')
    expect(await shortlist.locator('input[type="checkbox"]:checked').count()).toBe(2)
    await shortlist.getByRole('button', { name: '确定入围名单' }).click()
    await expect.poll(() => admin.getByText('入围名单已确定').count()).toBe(1)
    await throughSecondHalf()
    await openReady(admin, `/admin/applications/${ids.higher}`)
    await expect.poll(() => admin.getByTestId('final-terms').textContent()).toContain('800.00')
    await admin.locator('select[name="levelId"]').selectOption({ label: '银奖' })
    await admin.getByRole('button', { name: '记录决定' }).click()
    await expect.poll(() => admin.getByText('已审定，待公示').count()).toBeGreaterThan(0)

    await openReady(admin, `/admin/applications/${ids.lower}`)
    await admin.locator('select[name="levelId"]').selectOption({ label: '金奖' })
    await admin.getByRole('button', { name: '记录决定' }).click()
    const reason = admin.locator('#decision textarea[name="reason"]')
    await expect.poll(() => admin.locator('[data-field-error="reason"]').textContent()).toContain('与排名顺序不一致')
    await expect.poll(() => admin.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('reason')
    expect(await reason.getAttribute('aria-invalid')).toBe('true')
    await shot(admin, '8-admin-departure-refused')
    await reason.fill('集中答辩与现场核查表现突出，评审委员会表决通过。')
    await admin.getByRole('button', { name: '记录决定' }).click()
    await expect.poll(() => admin.getByText('已审定，待公示').count()).toBeGreaterThan(0)

    await openReady(admin, '/admin/ranking?category=culture')
    const lower = admin.getByRole('row', { name: /罗湖艺术中心/ })
    await expect.poll(() => lower.textContent()).toContain('集中答辩与现场核查表现突出')
    expect(await lower.textContent()).toContain('金奖')
    expect(await admin.getByRole('row', { name: /龙岗文化产业集团/ }).textContent()).toContain('银奖')
  })

  it('starts the notice for the cycle and ends it after five working days of the official calendar', async () => {
    const { page: admin } = await session.as('secretariat@award.example')
    await openReady(admin, '/admin/ranking')
    await admin.getByRole('button', { name: /开始公示/ }).click()
    await expect.poll(() => admin.getByText('公示中').count()).toBeGreaterThan(0)
    const { page: visitor } = await session.as(null)
    await openReady(visitor, '/notice')
    const [year, month, day] = expectedLastDay(5).split('-').map(Number)
    const row = visitor.getByRole('row', { name: /罗湖艺术中心/ })
    await expect.poll(() => row.textContent()).toContain(`${year}年${month}月${day}日`)
  })
})
