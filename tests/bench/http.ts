/**
 * The third part of `npm run bench`: pages over HTTP at 10,000 applications (issue 9). Starts the production
 * server on a copy of the scale database (built once by `npm run seed:scale`), logs in as the secretariat and as
 * reviewer1, and measures each page with autocannon at 10 connections, each run right after a run of the bare
 * Remix route (`/bench/bare`, enabled by BENCH_BARE=1) so that every figure is a ratio to the barest page the same
 * server serves in the same minute. Prints requests per second, the ratio, and the median and 97.5th-percentile
 * latencies. Not a test: figures go into the README and the closing note.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'

const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const connections = 10
const port = 3000 + Math.floor(Math.random() * 2000) + 4000
const base = `http://127.0.0.1:${port}`

if (!fs.existsSync('build/server/index.js')) execFileSync('npm', ['run', 'build'], { stdio: 'inherit' })
const source = path.resolve('data/bench/scale.sqlite')
if (!fs.existsSync(source)) {
  fs.mkdirSync(path.dirname(source), { recursive: true })
  execFileSync('npx', ['tsx', 'db/scale-seed.ts', '--database', source], { stdio: 'inherit' })
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'award-http-bench-'))
const copy = path.join(dir, 'scale.sqlite')
fs.copyFileSync(source, copy)
// A database built by an earlier version is brought up to this one's migrations first, as `npm start` would.
execFileSync('npx', ['tsx', 'db/setup.ts'], { env: { ...process.env, DATABASE_PATH: copy }, stdio: 'ignore' })

const server: ChildProcess = spawn('node', ['app/production-server.mjs'], {
  env: {
    ...process.env,
    DATABASE_PATH: copy,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    SESSION_SECRET: 'bench-'.padEnd(40, 'x'),
    SCHEDULER: 'off',
    BENCH_BARE: '1',
  },
  stdio: 'ignore',
})
const stop = () => {
  server.kill()
  fs.rmSync(dir, { recursive: true, force: true })
}

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('the server did not start')
}

/** Logs in through the real form (CSRF cookie and token) and returns the cookies a browser would send. */
async function login(email: string): Promise<string> {
  const page = await fetch(`${base}/login`)
  const csrfCookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  const token = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1]
  if (!token) throw new Error('no CSRF token on /login')
  const response = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: csrfCookie,
      origin: base,
      'sec-fetch-site': 'same-origin',
    },
    body: new URLSearchParams({ email, password: 'award-demo-2026', csrf: token }),
  })
  const session = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  if (response.status !== 302 || !session) throw new Error(`login as ${email} failed: ${response.status}`)
  return `${csrfCookie}; ${session}`
}

function run(
  url: string,
  cookie?: string,
  options: { connections?: number; seconds?: number } = {},
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: options.connections ?? connections,
        duration: options.seconds ?? seconds,
        headers: cookie ? { cookie } : {},
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    )
  })
}

try {
  await waitForServer()
  const secretariat = await login('secretariat@award.example')
  const reviewer = await login('reviewer1@award.example')
  process.env.DATABASE_PATH = copy
  const { getDb, closeDb } = await import('../../db/client.server')
  const db = getDb()
  const cycle = await db.selectFrom('cycles').select('id').orderBy('year', 'desc').executeTakeFirstOrThrow()
  const scored = await db
    .selectFrom('applications')
    .select('id')
    .where('cycle_id', '=', cycle.id)
    .where('status', '=', 'scored')
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow()
  const reviewer1 = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'reviewer1@award.example')
    .executeTakeFirstOrThrow()
  const assigned = await db
    .selectFrom('assignments')
    .innerJoin('applications', 'applications.id', 'assignments.application_id')
    .select('assignments.application_id')
    .where('assignments.reviewer_id', '=', reviewer1.id)
    .where('applications.cycle_id', '=', cycle.id)
    .where('assignments.status', '=', 'submitted')
    .limit(1)
    .executeTakeFirstOrThrow()
  await closeDb()
  const targets = [
    { name: '/ (home)', path: '/' },
    { name: '/results', path: '/results' },
    { name: '/admin (desk, first page)', path: '/admin', cookie: secretariat },
    { name: '/admin/applications/:id', path: `/admin/applications/${scored.id}`, cookie: secretariat },
    { name: '/admin/ranking', path: '/admin/ranking', cookie: secretariat },
    { name: '/review (reviewer1, 500 reviews)', path: '/review', cookie: reviewer },
    {
      name: "/review/applications/:id (reviewer's page)",
      path: `/review/applications/${assigned.application_id}`,
      cookie: reviewer,
    },
  ]
  // Each page must answer 200 before it is measured: a redirect to /login would measure the wrong page.
  for (const target of targets) {
    const response = await fetch(base + target.path, {
      headers: target.cookie ? { cookie: target.cookie } : {},
      redirect: 'manual',
    })
    if (response.status !== 200) throw new Error(`${target.path} answered ${response.status}`)
  }
  console.log(`HTTP at 10 connections, ${seconds} s per run, each page right after the bare route (/bench/bare):`)
  console.log(
    `${'page'.padEnd(44)} ${'req/s'.padStart(8)} ${'bare req/s'.padStart(11)} ${'ratio'.padStart(6)} ${'p50 ms'.padStart(7)} ${'p97.5 ms'.padStart(9)}`,
  )
  const alone: Array<[string, autocannon.Result]> = []
  for (const target of targets) {
    const bare = await run(`${base}/bench/bare`, target.cookie)
    const page = await run(base + target.path, target.cookie)
    if (page.non2xx > 0) throw new Error(`${target.path}: ${page.non2xx} answers were not 2xx`)
    const ratio = page.requests.average / bare.requests.average
    console.log(
      `${target.name.padEnd(44)} ${page.requests.average.toFixed(0).padStart(8)} ${bare.requests.average.toFixed(0).padStart(11)} ${ratio.toFixed(2).padStart(6)} ${String(page.latency.p50).padStart(7)} ${String(page.latency.p97_5).padStart(9)}`,
    )
    alone.push([target.name, await run(base + target.path, target.cookie, { connections: 1, seconds: 2 })])
  }
  // How long one request takes when it has the server to itself: the time it holds the event loop.
  console.log('One request at a time (1 connection, 2 s):')
  for (const [name, result] of alone)
    console.log(
      `${name.padEnd(44)} p50 ${String(result.latency.p50).padStart(4)} ms, p97.5 ${String(result.latency.p97_5).padStart(4)} ms`,
    )
  // A heavy user does not stall everyone: the home page's throughput alone, then while the ranking is loaded too.
  const homeAlone = await run(`${base}/`)
  const [homeWithRanking] = await Promise.all([
    run(`${base}/`),
    run(`${base}/admin/ranking`, secretariat, { connections: 1 }),
  ])
  console.log(
    `/ alone ${homeAlone.requests.average.toFixed(0)} req/s; while one secretariat user loads the ranking without pause ${homeWithRanking.requests.average.toFixed(0)} req/s`,
  )
} finally {
  stop()
}
