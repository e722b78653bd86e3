/**
 * The fourth part of `npm run bench`: the deadline rush (issue 9). On a copy of the 10,000-application database
 * whose cycle is reopened for submissions, 200 applicants each keep a draft open and their self-assessment
 * autosaves every 1 to 5 seconds (about 10 KB a save, as the page sends it) for 60 seconds, against the production
 * server. The same clients then post the bare form (`/bench/bare`: read and CSRF-checked, nothing written) at the
 * same rhythm, so the save's p95 is also a ratio to the barest post in the same run. Afterwards every draft in the
 * database must hold the last text its applicant saved: a save answered as done and then missing is a lost save.
 * Not a test: figures go into the README and the closing note.
 *
 * BENCH_DATABASE=postgres runs it on a PostgreSQL copy of the same database (issue 20), and BENCH_PROCESSES=2 (or
 * more) starts that many production servers on it, each client saving through one of them in turn, as behind a load
 * balancer.
 */
import { startPostgres } from '../setup/postgres-cluster'
import { benchPort, postgresCopyOf, scaleDatabaseCopy, startServer, stopServer, waitForServer } from './server'

const applicants = Number(process.env.BENCH_RUSH_APPLICANTS ?? 200)
const seconds = Number(process.env.BENCH_RUSH_SECONDS ?? 60)
const processes = Math.max(1, Number(process.env.BENCH_PROCESSES ?? 1))
const port = benchPort(6000)
const bases = Array.from({ length: processes }, (_, i) => `http://127.0.0.1:${port + i}`)
const base = bases[0]!
const secret = 'bench-rush-'.padEnd(40, 'x')
const database = scaleDatabaseCopy('rush')
const copy = database.file
const postgres = process.env.BENCH_DATABASE === 'postgres' ? await startPostgres() : undefined
if (postgres) process.env.DATABASE_URL = await postgresCopyOf(copy, postgres.adminUrl, 'award_bench_rush')
console.log(`On ${postgres ? 'PostgreSQL' : 'SQLite'}, ${processes} server process${processes > 1 ? 'es' : ''}.`)

// The applicants, their drafts and their sessions are made here, as registration and login would leave them.
process.env.DATABASE_PATH = copy
process.env.SESSION_SECRET = secret
const { getDb, closeDb } = await import('../../db/client.server')
const { createApplicantAccount, createCompleteDraft } = await import('../../db/factories')
const { createUserSession } = await import('../../app/utils/session.server')
const { csrfCookie } = await import('../../app/utils/cookies.server')
const db = getDb()
const cycle = await db.selectFrom('cycles').selectAll().orderBy('year', 'desc').executeTakeFirstOrThrow()
// Reopened: the deadline a week ahead, as in the last week before it.
await db
  .updateTable('cycles')
  .set({ submission_deadline: new Date(Date.now() + 7 * 86_400_000).toISOString() })
  .where('id', '=', cycle.id)
  .execute()
const token = 'r'.repeat(43)
const csrf = (await csrfCookie(new Request(base)).serialize(token)).split(';')[0]!
console.log(`Preparing ${applicants} applicants with a draft each...`)
const clients: Array<{ id: number; cookie: string; version: number; saved: string[] | null; base: string }> = []
for (let i = 0; i < applicants; i++) {
  const actor = await createApplicantAccount(db, {
    n: 990_000 + i,
    name: `截止前申报单位${i}`,
    email: `rush${i}@bench.example`,
    password: 'rush-password-2026',
  })
  const draft = await createCompleteDraft(db, actor, cycle.id, { evidence: false })
  const session = (await createUserSession(new Request(base), actor.userId!)).split(';')[0]!
  clients.push({
    id: draft.id,
    cookie: `${csrf}; ${session}`,
    version: draft.version,
    saved: null,
    base: bases[i % bases.length]!,
  })
}
const sections = (
  await db.selectFrom('criteria_categories').select('id').where('edition_id', '=', cycle.edition_id).execute()
).length
await closeDb()

const servers = bases.map((_, i) => startServer(copy, port + i, secret).server)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const paragraph = '我们以顾客为关注焦点，建立了覆盖研发、生产、交付与服务全过程的质量管理体系，并持续改进。'

/** One phase: every client posts at its own 1–5 s rhythm until the time is up; returns each post's milliseconds. */
async function phase(post: (client: (typeof clients)[number], n: number) => Promise<boolean>) {
  const latencies: number[] = []
  let failures = 0
  const end = Date.now() + seconds * 1000
  await Promise.all(
    clients.map(async (client) => {
      for (let n = 0; ; n++) {
        await sleep(1000 + Math.random() * 4000)
        if (Date.now() >= end) return
        const started = performance.now()
        const ok = await post(client, n).catch(() => false)
        latencies.push(performance.now() - started)
        if (!ok) failures++
      }
    }),
  )
  latencies.sort((a, b) => a - b)
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN
  return { count: latencies.length, failures, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: latencies.at(-1) ?? NaN }
}

function headers(client: (typeof clients)[number]) {
  return {
    'content-type': 'application/x-www-form-urlencoded',
    cookie: client.cookie,
    origin: client.base,
    'sec-fetch-site': 'same-origin',
  }
}

const stepData = encodeURIComponent('routes/applicant.applications.$id.edit.$step')
async function autosave(client: (typeof clients)[number], n: number): Promise<boolean> {
  // About 10 KB a save: each section a few hundred characters, the save's number in it so every save differs.
  const texts = Array.from({ length: sections }, (_, i) => `${i + 1}.${n} ${paragraph.repeat(6)}`)
  const body = new URLSearchParams({ csrf: token, intent: 'autosave', version: String(client.version) })
  texts.forEach((text, i) => body.set(`sections.${i}`, text))
  const response = await fetch(
    `${client.base}/applicant/applications/${client.id}/edit/selfAssessment?_data=${stepData}`,
    {
      method: 'POST',
      headers: headers(client),
      body,
    },
  )
  if (!response.ok) return false
  const answer = (await response.json()) as { autosaved?: { version: number } }
  if (!answer.autosaved) return false
  client.version = answer.autosaved.version
  client.saved = texts
  return true
}

async function barePost(client: (typeof clients)[number], n: number): Promise<boolean> {
  const body = new URLSearchParams({
    csrf: token,
    intent: 'autosave',
    n: String(n),
    text: paragraph.repeat(6 * sections),
  })
  const response = await fetch(`${client.base}/bench/bare?_data=${encodeURIComponent('routes/bench.bare')}`, {
    method: 'POST',
    headers: headers(client),
    body,
  })
  await response.arrayBuffer()
  return response.ok
}

const format = (ms: number) => ms.toFixed(0).padStart(7)
try {
  for (const each of bases) await waitForServer(each)
  console.log(`The deadline rush: ${applicants} applicants, a save every 1–5 s each, ${seconds} s per phase`)
  const saves = await phase(autosave)
  const bare = await phase(barePost)
  for (const server of servers) await stopServer(server)
  // Every draft holds the last text its applicant was told was saved.
  process.env.DATABASE_PATH = copy
  const { getDb: reopen, closeDb: close } = await import('../../db/client.server')
  const stored = await reopen()
    .selectFrom('application_texts')
    .select(['application_id', 'self_assessment'])
    .where(
      'application_id',
      'in',
      clients.map((c) => c.id),
    )
    .execute()
  const byId = new Map(stored.map((row) => [row.application_id, row.self_assessment]))
  const lost = clients.filter(
    (c) =>
      c.saved !== null &&
      JSON.stringify((JSON.parse(byId.get(c.id) ?? '{}') as { sections?: string[] }).sections) !==
        JSON.stringify(c.saved),
  ).length
  await close()
  console.log(
    `${'posts'.padEnd(28)} ${'count'.padStart(7)} ${'failed'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'max ms'.padStart(7)}`,
  )
  for (const [name, r] of [
    ['autosave (self-assessment)', saves],
    ['bare form post', bare],
  ] as const) {
    console.log(
      `${name.padEnd(28)} ${String(r.count).padStart(7)} ${String(r.failures).padStart(7)} ${format(r.p50)} ${format(r.p95)} ${format(r.p99)} ${format(r.max)}`,
    )
  }
  console.log(
    `save p95 / bare post p95: ${(saves.p95 / bare.p95).toFixed(1)}×; saves lost: ${lost} of ${clients.length} drafts checked`,
  )
} finally {
  for (const server of servers) await stopServer(server)
  database.remove()
  postgres?.stop()
}
