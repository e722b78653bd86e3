/**
 * The second half of `npm run bench`: the secretariat's heaviest work at 10,000 applications (issue 9). Builds the
 * scale database once (`npm run seed:scale`, kept in data/bench/scale.sqlite), copies it for each run (a decision
 * writes), and times in this process, against the real repositories and workflow services on SQLite: a cycle's
 * standings from the stored sheet points and, for comparison, recomputed from the item rows as before; the ranking
 * of every category; one application's standing (the application page); a committee decision; the desk's list.
 * Prints the median and the worst of several runs. Not a test: figures go into the README and the closing note.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { startPostgres } from '../setup/postgres-cluster'
import { postgresCopyOf } from './server'
import { actingOffices } from '../../workflows/account/duties'

const runs = 7
const source = path.resolve('data/bench/scale.sqlite')
if (!fs.existsSync(source)) {
  fs.mkdirSync(path.dirname(source), { recursive: true })
  execFileSync('npx', ['tsx', 'db/scale-seed.ts', '--database', source], { stdio: 'inherit' })
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'award-bench-'))
const copy = path.join(dir, 'scale.sqlite')
fs.copyFileSync(source, copy)
// A database built by an earlier version is brought up to this one's migrations first, as `npm start` would.
execFileSync('npx', ['tsx', 'db/setup.ts'], { env: { ...process.env, DATABASE_PATH: copy }, stdio: 'ignore' })
process.env.DATABASE_PATH = copy
// BENCH_DATABASE=postgres: the same figures on a PostgreSQL copy of the scale database (issue 20).
const postgres = process.env.BENCH_DATABASE === 'postgres' ? await startPostgres() : undefined
if (postgres) process.env.DATABASE_URL = await postgresCopyOf(copy, postgres.adminUrl, 'award_bench_scale')
console.log(`On ${postgres ? 'PostgreSQL' : 'SQLite'}.`)

const { getDb, closeDb } = await import('../../db/client.server')
const { getCurrentCycle } = await import('../../db/repositories/cycles')
const { deskPage, listApplicationsOfCycle } = await import('../../db/repositories/applications')
const { computeRanking, cycleRanking, cycleStandings, recomputedCycleStandings, applicationStandings } =
  await import('../../workflows/review/standings.server')
const { decideApplication } = await import('../../workflows/application/application.server')

const db = getDb()
const cycle = (await getCurrentCycle(db))!
const sheets = await db
  .selectFrom('score_sheets')
  .innerJoin('assignments', 'assignments.id', 'score_sheets.assignment_id')
  .innerJoin('applications', 'applications.id', 'assignments.application_id')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .where('applications.cycle_id', '=', cycle.id)
  .executeTakeFirstOrThrow()

// BENCH_ONLY=<part of a name>: only the figures whose name holds it (to measure one change quickly).
const only = process.env.BENCH_ONLY

async function time(name: string, target: number | null, run: (i: number) => Promise<unknown>) {
  if (only && !name.includes(only)) return
  await run(-1) // warm-up: statements prepared, pages cached
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await run(i)
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  const median = times[Math.floor(times.length / 2)]!
  const worst = times.at(-1)!
  const verdict =
    target === null ? '' : median <= target ? `  (target ≤ ${target} ms: met)` : `  (target ≤ ${target} ms: NOT met)`
  console.log(
    `${name.padEnd(58)} median ${median.toFixed(1).padStart(7)} ms, worst ${worst.toFixed(1).padStart(7)} ms${verdict}`,
  )
}

const applications = await listApplicationsOfCycle(db, cycle.id)
const scored = applications.filter((a) => a.status === 'scored')
console.log(
  `Scale database: ${applications.length} applications in ${cycle.year}, ${Number(sheets.n)} submitted sheets; ${runs} runs each after a warm-up.`,
)
await time('standings from stored sheet points (whole cycle)', null, () => cycleStandings(db, cycle.id))
await time('standings recomputed from item rows (before issue 9)', null, () => recomputedCycleStandings(db, cycle.id))
await time('ranking of every category, computed afresh', 50, () => computeRanking(db, cycle.id))
await time('ranking of every category, unchanged since (generation, reuse)', 50, () => cycleRanking(db, cycle.id))
await time("one application's standing (the application page)", null, () => applicationStandings(db, scored[0]!.id))
await time('committee decision: not awarded (decideApplication)', 20, async (i) => {
  const application = scored[i + 1]!
  const row = await db
    .selectFrom('applications')
    .select('version')
    .where('id', '=', application.id)
    .executeTakeFirstOrThrow()
  await decideApplication(db, {
    applicationId: application.id,
    actor: { userId: 1, role: 'admin', organisationId: null, offices: actingOffices },
    expectedVersion: row.version,
    levelId: null,
    reason: '',
  })
})
await time("the desk's whole list (listApplicationsOfCycle, before paging)", null, () =>
  listApplicationsOfCycle(db, cycle.id),
)
await time("the desk's first page of 50, with its counts (deskPage)", null, () => deskPage(db, cycle.id, {}, {}))
await time('the desk, a page mid-list, scored only (deskPage)', null, () =>
  deskPage(db, cycle.id, { status: 'scored' }, { after: { key: scored[5000]!.id, id: scored[5000]!.id } }),
)

// Publication of the whole cycle: every application put in 'approved' (with the machine's snapshot there) and the
// city's approval recorded, then published in one transaction; reset and repeated.
const { publishResults } = await import('../../workflows/cycle/cycle.server')
const { applicationMachine } = await import('../../workflows/application/application.machine')
const { serialiseSnapshot } = await import('../../workflows/application/application.snapshot')
const approvedSnapshot = serialiseSnapshot(
  applicationMachine.resolveState({ value: 'approved', context: { corrections: 0, awarded: false } }),
)
const publishTimes: number[] = []
for (let i = 0; i < (only && !'publication'.includes(only) ? 0 : 3); i++) {
  await db
    .updateTable('applications')
    .set({ status: 'approved', snapshot: approvedSnapshot })
    .where('cycle_id', '=', cycle.id)
    .execute()
  await db
    .updateTable('cycles')
    .set({ results_published_at: null, approval_document: '深府函〔2026〕1号', approved_on: '2026-11-20' })
    .where('id', '=', cycle.id)
    .execute()
  const { version } = await db
    .selectFrom('cycles')
    .select('version')
    .where('id', '=', cycle.id)
    .executeTakeFirstOrThrow()
  const start = performance.now()
  const { published } = await publishResults(db, {
    cycleId: cycle.id,
    actor: { userId: 1, role: 'admin', organisationId: null, offices: actingOffices },
    expectedVersion: version,
  })
  publishTimes.push(performance.now() - start)
  if (published !== applications.length) throw new Error(`published ${published} of ${applications.length}`)
}
publishTimes.sort((a, b) => a - b)
if (publishTimes.length > 0)
  console.log(
    `${`publication of all ${applications.length} (one transaction)`.padEnd(58)} median ${publishTimes[1]!.toFixed(1).padStart(7)} ms, worst ${publishTimes[2]!.toFixed(1).padStart(7)} ms  (target ≤ 1000 ms: ${publishTimes[1]! <= 1000 ? 'met' : 'NOT met'})`,
  )

await closeDb()
postgres?.stop()
fs.rmSync(dir, { recursive: true, force: true })
