/**
 * The third part of `npm run bench`: the pages over HTTP against the separate bare Remix app (issue 19). For each
 * cycle size (BENCH_SIZES, default 10,000 and 50,000 applications, `npm run seed:scale`), starts the production
 * server on a copy of the scale database beside the bare Remix app of ../shared/perf-baseline (tests/bench/
 * baseline.ts), logs in as the secretariat and as reviewer1, and measures each page with autocannon at 10
 * connections in interleaved rounds: the bare Remix app's `/`, this app's barest page (`/bench/bare`, through the
 * root layout, enabled by BENCH_BARE=1: it shows the floor every page pays), then the page. The ratio to the bare
 * Remix app of the same round counts; the median of BENCH_ROUNDS (3) rounds is shown, with the p50 and p95
 * latencies measured from every response; BENCH_PAGES chooses some of the pages. Not a test: figures go into the README and the closing note.
 */
import autocannon from 'autocannon'
import { startPostgres } from '../setup/postgres-cluster'
import { startBaseline } from './baseline'
import {
  benchPageIds,
  benchPort,
  ensureBuild,
  login,
  postgresCopyOf,
  scaleDatabaseCopy,
  startServer,
  stopServer,
  waitForServer,
} from './server'

const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const sizes = (process.env.BENCH_SIZES ?? '10000,50000').split(',').map(Number)
const connections = 10
/** BENCH_DATABASE=postgres: the server runs on a PostgreSQL copy of the scale database (issue 20). */
const postgres = process.env.BENCH_DATABASE === 'postgres' ? await startPostgres() : undefined
const databaseKind = postgres ? 'PostgreSQL' : 'SQLite'
/** PAGE_CACHE_TTL_MS=0 (passed on to the server) measures every page rendered, as after each change of the data. */
const pageCopies = process.env.PAGE_CACHE_TTL_MS === '0' ? 'off' : 'on'
/** BENCH_PAGES=floor,/admin/ranking: only the pages whose name contains one of these (the floor is `/bench/bare`). */
const only = process.env.BENCH_PAGES?.split(',').map((name) => (name === 'floor' ? '/bench/bare' : name))
const chosen = (name: string) => !only || only.some((part) => name.includes(part))

interface Measured {
  rps: number
  p50: number
  p95: number
  non2xx: number
}

/** One autocannon run; p50 and p95 from every response's time (autocannon's own summary has no p95). */
function run(
  url: string,
  cookie?: string,
  options: { connections?: number; seconds?: number } = {},
): Promise<Measured> {
  const times: number[] = []
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: options.connections ?? connections,
        duration: options.seconds ?? seconds,
        headers: cookie ? { cookie } : {},
      },
      (error, result) => {
        if (error) return reject(error)
        times.sort((a, b) => a - b)
        const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN
        resolve({ rps: result.requests.average, p50: at(0.5), p95: at(0.95), non2xx: result.non2xx })
      },
    )
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => times.push(ms))
  })
}

const median = <T>(values: T[], by: (v: T) => number): T =>
  [...values].sort((a, b) => by(a) - by(b))[Math.floor(values.length / 2)]!

await ensureBuild()
const baseline = await startBaseline(benchPort(4500))
const summary: string[] = []
try {
  for (const applications of sizes) {
    const database = scaleDatabaseCopy(`http-${applications}`, applications)
    const extraEnv: Record<string, string> = postgres
      ? { DATABASE_URL: await postgresCopyOf(database.file, postgres.adminUrl, `award_bench_${applications}`) }
      : {}
    const { server, base } = startServer(database.file, benchPort(4000), 'bench-'.padEnd(40, 'x'), extraEnv)
    try {
      await waitForServer(base, 120_000)
      const secretariat = await login(base, 'secretariat@award.example')
      const reviewer = await login(base, 'reviewer1@award.example')
      const ids = await benchPageIds(database.file)
      const targets = [
        { name: '/ (home)', path: '/' },
        { name: '/results', path: '/results' },
        { name: '/admin (desk, first page)', path: '/admin', cookie: secretariat },
        { name: '/admin/applications/:id', path: `/admin/applications/${ids.scored}`, cookie: secretariat },
        {
          name: '/admin/applications/:id/scores',
          path: `/admin/applications/${ids.scored}/scores`,
          cookie: secretariat,
        },
        { name: '/admin/ranking', path: '/admin/ranking', cookie: secretariat },
        { name: '/review (reviewer1)', path: '/review', cookie: reviewer },
        {
          name: "/review/applications/:id (reviewer's page)",
          path: `/review/applications/${ids.assigned}`,
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
      // Warm both servers (JIT, statement cache) before anything counts.
      await run(baseline.url, undefined, { seconds: 2 })
      await run(`${base}/bench/bare`, undefined, { seconds: 2 })
      const heading = `${applications.toLocaleString('en')} applications on ${databaseKind}, page copies ${pageCopies}: 10 connections, ${seconds} s per run, ${rounds} interleaved rounds (bare Remix app, /bench/bare, page); median ratio to the bare Remix app`
      console.log(heading)
      const header = `${'page'.padEnd(44)} ${'req/s'.padStart(7)} ${'bare Remix'.padStart(10)} ${'ratio'.padStart(6)} ${'/bench/bare'.padStart(11)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)}  rounds`
      console.log(header)
      summary.push(heading, header)
      const measuredTargets = [{ name: '/bench/bare (the floor)', path: '/bench/bare', cookie: undefined }, ...targets]
      for (const target of measuredTargets.filter((t) => chosen(t.name))) {
        const measured: Array<{ page: Measured; remix: Measured; floor: Measured; ratio: number }> = []
        for (let round = 0; round < rounds; round++) {
          const remix = await run(baseline.url)
          const floor = await run(`${base}/bench/bare`, target.cookie)
          const page = await run(base + target.path, target.cookie)
          if (page.non2xx > 0) throw new Error(`${target.path}: ${page.non2xx} answers were not 2xx`)
          measured.push({ page, remix, floor, ratio: page.rps / remix.rps })
        }
        const { page, remix, floor, ratio } = median(measured, (m) => m.ratio)
        const line = `${target.name.padEnd(44)} ${page.rps.toFixed(0).padStart(7)} ${remix.rps.toFixed(0).padStart(10)} ${ratio.toFixed(2).padStart(6)} ${(floor.rps / remix.rps).toFixed(2).padStart(11)} ${page.p50.toFixed(0).padStart(7)} ${page.p95.toFixed(0).padStart(7)}  ${measured.map((m) => m.ratio.toFixed(2)).join(' ')}`
        console.log(line)
        summary.push(line)
      }
      // A heavy user does not stall everyone: the home page's throughput alone, then while the ranking is loaded too.
      if (!only) {
        const homeAlone = await run(`${base}/`)
        const [homeWithRanking] = await Promise.all([
          run(`${base}/`),
          run(`${base}/admin/ranking`, secretariat, { connections: 1 }),
        ])
        const heavy = `/ alone ${homeAlone.rps.toFixed(0)} req/s; while one secretariat user loads the ranking without pause ${homeWithRanking.rps.toFixed(0)} req/s`
        console.log(heavy)
        summary.push(heavy)
      }
      summary.push('')
    } finally {
      await stopServer(server)
      database.remove()
    }
  }
} finally {
  await stopServer(baseline.server)
  postgres?.stop()
}
console.log(`\n${summary.join('\n')}`)
