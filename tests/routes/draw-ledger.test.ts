/**
 * Issue 23: the public draw ledger's pages. Before the year's results are out the public sees each draw's time,
 * kind and hash (so nothing can be changed later unseen) but no record; afterwards the whole chain is a download,
 * and the file verifies (what the page's button and `npm run verify-draws` do with it).
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { type LedgerEntry, verifyLedger } from '../../workflows/review/draw-ledger'
import { drawForCategory } from '../../workflows/review/review.server'
import * as page from '~/routes/draws._index'
import * as file from '~/routes/draws.$year[.]json'
import { inDocumentReview, world } from '../integration/helpers'
import { args, get, respond } from './http'

async function drawnYear() {
  const w = await world()
  await w.db.updateTable('cycles').set({ reviewers_per_application: 2 }).where('id', '=', w.cycle.id).execute()
  await inDocumentReview(w, w.applicant, [], { categoryCode: 'economy' })
  await inDocumentReview(w, w.otherApplicant, [], { categoryCode: 'economy' })
  await drawForCategory(w.db, { cycleId: w.cycle.id, categoryCode: 'economy', actor: w.admin, seed: 11 })
  return w
}

describe('the draw ledger pages', () => {
  it('shows each draw’s hash from the moment of the draw, and no record before the results are published', async () => {
    const w = await drawnYear()
    const year = w.cycle.year
    const shown = await respond(async () => page.loader(args(await get(`/draws?year=${year}`))))
    expect(shown.status).toBe(200)
    const data = (await shown.json()) as {
      years: number[]
      cycle: { year: number; published: boolean; head: string; entries: Array<Record<string, unknown>> }
    }
    expect(data.years).toContain(year)
    expect(data.cycle).toMatchObject({ year, published: false })
    expect(data.cycle.entries).toHaveLength(1)
    expect(data.cycle.entries[0]).toEqual({
      seq: 1,
      kind: 'draw',
      createdAt: expect.any(String),
      hash: data.cycle.head,
      applications: null,
    })
    expect(JSON.stringify(data)).not.toContain('"record"')
    const sealed = await respond(async () =>
      file.loader(args(await get(`/draws/${year}.json`), { year: String(year) })),
    )
    expect(sealed.status).toBe(404)
  })

  it('offers the whole chain as a file once the results are published, and the file verifies', async () => {
    const w = await drawnYear()
    const year = w.cycle.year
    await w.db
      .updateTable('cycles')
      .set({ results_published_at: new Date().toISOString() })
      .where('id', '=', w.cycle.id)
      .execute()
    const download = await respond(async () =>
      file.loader(args(await get(`/draws/${year}.json`), { year: String(year) })),
    )
    expect(download.status).toBe(200)
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="draw-ledger-${year}.json"`)
    const ledger = (await download.json()) as { cycle: number; head: string; entries: LedgerEntry[] }
    expect(ledger.cycle).toBe(year)
    expect(ledger.entries.map((e) => e.seq)).toEqual([1])
    const verification = await verifyLedger(ledger.entries)
    expect(verification).toMatchObject({ ok: true, head: ledger.head })
    const shown = (await (await respond(async () => page.loader(args(await get(`/draws?year=${year}`))))).json()) as {
      cycle: { published: boolean; entries: Array<{ applications: number }> }
    }
    expect(shown.cycle.published).toBe(true)
    expect(shown.cycle.entries[0]!.applications).toBe(2)
  })
})

describe('npm run verify-draws', () => {
  it('verifies a downloaded ledger offline and fails one with a record altered', { timeout: 120_000 }, async () => {
    const w = await drawnYear()
    await w.db
      .updateTable('cycles')
      .set({ results_published_at: new Date().toISOString() })
      .where('id', '=', w.cycle.id)
      .execute()
    const year = String(w.cycle.year)
    const text = await (await respond(async () => file.loader(args(await get(`/draws/${year}.json`), { year })))).text()
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-'))
    const good = path.join(dir, 'good.json')
    fs.writeFileSync(good, text)
    const passed = await runVerify(good)
    expect(passed.status).toBe(0)
    expect(passed.stdout).toContain('#1: ok')
    expect(passed.stdout).toContain(`Verified: all 1 draws of ${year}.`)
    // The seed in the record changed by one: the hash no longer covers it, and the draw no longer re-runs.
    const ledger = JSON.parse(text) as { entries: LedgerEntry[] }
    ledger.entries[0]!.record = ledger.entries[0]!.record.replace('"seed":11,', '"seed":12,')
    const bad = path.join(dir, 'bad.json')
    fs.writeFileSync(bad, JSON.stringify(ledger))
    const failed = await runVerify(bad)
    expect(failed.status).toBe(1)
    expect(failed.stdout).toContain('#1: FAILED (hash')
    expect(failed.stdout).toContain('NOT verified')
    fs.rmSync(dir, { recursive: true, force: true })
  })
})

function runVerify(file: string) {
  return new Promise<{ status: number; stdout: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'workflows/review/verify-draws-cli.ts', file],
      { encoding: 'utf8' },
      (error, stdout) => resolve({ status: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout }),
    )
  })
}
