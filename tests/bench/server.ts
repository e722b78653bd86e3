/**
 * What the HTTP benchmarks share (http.ts, rush.ts, memory.ts): the production build, a migrated copy of the
 * scale database in a scratch folder, the production server started on it, and a login through the real form.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** Builds the app when its build is not that of the sources (as `npm start` decides, app/build-stamp.mjs). */
export async function ensureBuild(): Promise<void> {
  const { buildIsCurrent, sourcesHash, stampFile } = await import('../../app/build-stamp.mjs')
  const root = path.resolve('.')
  const hash = sourcesHash(root)
  if (buildIsCurrent(root, hash)) return
  execFileSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] })
  fs.writeFileSync(stampFile(root), hash)
}

/** The scale database of that many applications, built the first time (`npm run seed:scale`). */
export function ensureScaleDatabase(applications = 10_000): string {
  const source = path.resolve(
    applications === 10_000 ? 'data/bench/scale.sqlite' : `data/bench/scale-${applications}.sqlite`,
  )
  if (!fs.existsSync(source)) {
    fs.mkdirSync(path.dirname(source), { recursive: true })
    execFileSync('npx', ['tsx', 'db/scale-seed.ts', '--database', source, '--applications', String(applications)], {
      stdio: 'inherit',
    })
  }
  return source
}

/** Kept for the benchmarks that need both (scale.ts, rush.ts, memory.ts). */
export function ensureBuildAndScaleDatabase(applications = 10_000): string {
  if (!fs.existsSync('build/server/index.js')) execFileSync('npm', ['run', 'build'], { stdio: 'inherit' })
  return ensureScaleDatabase(applications)
}

/** Runs the migrations on a database file, as `npm start` does before serving (demo data only where asked). */
export function migrate(file: string, env: Record<string, string> = {}): void {
  execFileSync('npx', ['tsx', 'db/setup.ts'], { env: { ...process.env, ...env, DATABASE_PATH: file }, stdio: 'ignore' })
}

/**
 * A scratch folder holding a copy of the scale database brought up to this version's migrations (a database built
 * by an earlier version may lack some), removed by `remove`.
 */
export function scaleDatabaseCopy(
  name: string,
  applications = 10_000,
): { dir: string; file: string; remove: () => void } {
  const source = ensureBuildAndScaleDatabase(applications)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `award-${name}-bench-`))
  const file = path.join(dir, 'scale.sqlite')
  fs.copyFileSync(source, file)
  migrate(file)
  return { dir, file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) }
}

/** A port unlikely to be taken, per script. */
export function benchPort(offset: number): number {
  return 3000 + Math.floor(Math.random() * 2000) + offset
}

/** The production server on a database, with the bare route (`/bench/bare`) and without the scheduler. */
export function startServer(
  database: string,
  port: number,
  secret: string,
  extraEnv: Record<string, string> = {},
): { server: ChildProcess; base: string } {
  // BENCH_CPU_PROFILE=<folder>: the server writes a CPU profile there when it stops (for Chrome's DevTools).
  const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : []
  const server = spawn('node', [...profile, 'app/production-server.mjs'], {
    env: {
      ...process.env,
      DATABASE_PATH: database,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      SESSION_SECRET: secret,
      SCHEDULER: 'off',
      BENCH_BARE: '1',
      ...extraEnv,
    },
    // BENCH_SERVER_LOG=1: the server's own output, to see why it did not start.
    stdio: process.env.BENCH_SERVER_LOG ? 'inherit' : 'ignore',
  })
  return { server, base: `http://127.0.0.1:${port}` }
}

export async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return
  server.kill()
  await new Promise((resolve) => server.once('exit', resolve))
}

/** Waits until the server answers its health check. */
export async function waitForServer(base: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
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
export async function login(base: string, email: string, password = 'award-demo-2026'): Promise<string> {
  const cookiesOf = (response: Response) =>
    response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ')
  const page = await fetch(`${base}/login`)
  const csrfCookie = cookiesOf(page)
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
    body: new URLSearchParams({ email, password, csrf: token }),
  })
  const session = cookiesOf(response)
  if (response.status !== 302 || !session) throw new Error(`login as ${email} failed: ${response.status}`)
  return `${csrfCookie}; ${session}`
}

/** An application with a final score, and one that reviewer1 has scored, in the current cycle. */
export async function benchPageIds(file: string): Promise<{ scored: number; assigned: number }> {
  process.env.DATABASE_PATH = file
  const { getDb, closeDb } = await import('../../db/client.server')
  const db = getDb()
  try {
    const cycle = await db.selectFrom('cycles').select('id').orderBy('year', 'desc').executeTakeFirstOrThrow()
    const scored = await db
      .selectFrom('applications')
      .select('id')
      .where('cycle_id', '=', cycle.id)
      .where('status', '=', 'scored')
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow()
    const assigned = await db
      .selectFrom('assignments')
      .innerJoin('applications', 'applications.id', 'assignments.application_id')
      .innerJoin('users', 'users.id', 'assignments.reviewer_id')
      .select('assignments.application_id')
      .where('users.email', '=', 'reviewer1@award.example')
      .where('applications.cycle_id', '=', cycle.id)
      .where('assignments.status', '=', 'submitted')
      .limit(1)
      .executeTakeFirstOrThrow()
    return { scored: scored.id, assigned: assigned.application_id }
  } finally {
    await closeDb()
  }
}

/**
 * BENCH_DATABASE=postgres: the same scale database copied into a PostgreSQL database of a throwaway server
 * (tests/setup/postgres-cluster.ts), for the server to run on instead of the SQLite copy. Returns its URL.
 */
export async function postgresCopyOf(file: string, adminUrl: string, name: string): Promise<string> {
  const pg = (await import('pg')).default
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`drop database if exists ${name} with (force)`)
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const { openPostgres } = await import('../../db/client.server')
  const { copySqliteToPostgres } = await import('../../db/copy-to-postgres')
  const db = openPostgres(url.toString())
  try {
    const started = Date.now()
    const counts = await copySqliteToPostgres(file, db)
    console.log(
      `Copied ${Object.values(counts).reduce((a, b) => a + b, 0)} rows into PostgreSQL in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    )
  } finally {
    await db.destroy()
  }
  return url.toString()
}
