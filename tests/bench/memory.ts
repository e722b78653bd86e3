/**
 * The fifth part of `npm run bench` (issue 9): cold start and memory at 10,000 applications.
 *
 * Cold start: the production server is spawned on a copy of the scale database and timed to its first page (`/`),
 * five times, against the same server spawned on an empty database timed to its first bare page (`/bench/bare`):
 * the ratio of the medians.
 *
 * Memory: the server on the scale database is warmed up (one minute of the mixed load below), then loaded for two
 * periods of BENCH_MEMORY_MINUTES (5 by default) with every kind of page at once, the secretariat's included:
 * the desk, an application page and its sheets item by item, the ranking, the analytics, the reviewer's dashboard and page, the home page and
 * the results. Its resident memory (from /proc) after warm-up and after each period says whether it grows.
 * Not a test: figures go into the README and the closing note.
 */
import fs from 'node:fs'
import path from 'node:path'
import autocannon from 'autocannon'
import {
  benchPageIds,
  benchPort,
  login,
  migrate,
  scaleDatabaseCopy,
  startServer,
  stopServer,
  waitForServer,
} from './server'

const minutes = Number(process.env.BENCH_MEMORY_MINUTES ?? 5)
const warmUpSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 60)
const secret = 'bench-memory-'.padEnd(40, 'x')

const database = scaleDatabaseCopy('memory')
const scale = database.file
const empty = path.join(database.dir, 'empty.sqlite')
migrate(empty, { SEED_DEMO: 'false' })

let nextPort = benchPort(8000)
const start = (file: string) => startServer(file, nextPort++, secret)

/** Milliseconds from spawning the server to the first 200 of a page. */
async function coldStart(database: string, page: string): Promise<number> {
  const started = performance.now()
  const { server, base } = start(database)
  try {
    for (;;) {
      const ok = await fetch(base + page).then(
        (r) => r.ok,
        () => false,
      )
      if (ok) return performance.now() - started
      if (performance.now() - started > 30_000) throw new Error('the server did not start')
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  } finally {
    await stopServer(server)
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/** Resident memory of a process in MB, from /proc (Linux). */
function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024
}

/** The mixed load: every page kind at once from 10 connections, for `seconds`. */
function mixedLoad(
  base: string,
  seconds: number,
  secretariat: string,
  reviewer: string,
  ids: { application: number; reviewed: number },
) {
  const requests = [
    { path: '/admin', headers: { cookie: secretariat } },
    { path: `/admin/applications/${ids.application}`, headers: { cookie: secretariat } },
    { path: `/admin/applications/${ids.application}/scores`, headers: { cookie: secretariat } },
    { path: '/admin/ranking', headers: { cookie: secretariat } },
    { path: '/admin/analytics', headers: { cookie: secretariat } },
    { path: '/review', headers: { cookie: reviewer } },
    { path: `/review/applications/${ids.reviewed}`, headers: { cookie: reviewer } },
    { path: '/' },
    { path: '/results' },
  ]
  return new Promise<autocannon.Result>((resolve, reject) => {
    autocannon({ url: base, connections: 10, duration: seconds, requests }, (error, result) =>
      error ? reject(error) : resolve(result),
    )
  })
}

try {
  console.log('Cold start, five spawns each (median):')
  const scaleStarts: number[] = []
  const bareStarts: number[] = []
  for (let i = 0; i < 5; i++) {
    bareStarts.push(await coldStart(empty, '/bench/bare'))
    scaleStarts.push(await coldStart(scale, '/'))
  }
  console.log(
    `  empty database, first bare page: ${median(bareStarts).toFixed(0)} ms; 10,006 applications, first page: ${median(scaleStarts).toFixed(0)} ms; ratio ${(median(scaleStarts) / median(bareStarts)).toFixed(2)} (target ≤ 1.2)`,
  )

  const pageIds = await benchPageIds(scale)

  const { server, base } = start(scale)
  try {
    await waitForServer(base)
    const ids = { application: pageIds.scored, reviewed: pageIds.assigned }
    const [secretariat, reviewer] = [
      await login(base, 'secretariat@award.example'),
      await login(base, 'reviewer1@award.example'),
    ]
    console.log(`Memory under mixed load (10 connections, every page kind), RSS of the server:`)
    const initial = rssOf(server.pid!)
    const warm = await mixedLoad(base, warmUpSeconds, secretariat, reviewer, ids)
    const afterWarmUp = rssOf(server.pid!)
    console.log(
      `  started: ${initial.toFixed(0)} MB; after ${warmUpSeconds} s warm-up (${warm.requests.total} requests): ${afterWarmUp.toFixed(0)} MB`,
    )
    for (let period = 1; period <= 2; period++) {
      const load = await mixedLoad(base, minutes * 60, secretariat, reviewer, ids)
      const rss = rssOf(server.pid!)
      console.log(
        `  after ${period * minutes} more minutes (${load.requests.total} requests, ${load.non2xx} not 2xx, p97.5 ${load.latency.p97_5} ms): ${rss.toFixed(0)} MB, ${(rss / afterWarmUp).toFixed(2)}× the warm value (target ≤ 1.5)`,
      )
    }
  } finally {
    await stopServer(server)
  }
} finally {
  database.remove()
}
