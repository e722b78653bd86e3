/**
 * The third part of `npm run bench`: pages over HTTP at 10,000 applications (issue 9). Starts the production
 * server on a copy of the scale database (built once by `npm run seed:scale`), logs in as the secretariat and as
 * reviewer1, and measures each page with autocannon at 10 connections, each run right after a run of the bare
 * Remix route (`/bench/bare`, enabled by BENCH_BARE=1) so that every figure is a ratio to the barest page the same
 * server serves in the same minute; three such rounds per page (BENCH_ROUNDS), the median counting. Prints
 * requests per second, the ratio, and the median and 97.5th-percentile latencies. Not a test: figures go into the
 * README and the closing note.
 */
import autocannon from 'autocannon'
import { benchPort, login, scaleDatabaseCopy, startServer, stopServer, waitForServer } from './server'

const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const connections = 10
const database = scaleDatabaseCopy('http')
const copy = database.file
const { server, base } = startServer(copy, benchPort(4000), 'bench-'.padEnd(40, 'x'))

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
  await waitForServer(base)
  const secretariat = await login(base, 'secretariat@award.example')
  const reviewer = await login(base, 'reviewer1@award.example')
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
    {
      name: '/admin/applications/:id/scores',
      path: `/admin/applications/${scored.id}/scores`,
      cookie: secretariat,
    },
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
  console.log(
    `HTTP at 10 connections, ${seconds} s per run, each page right after the bare route (/bench/bare), ${rounds} rounds; the round with the median ratio is shown:`,
  )
  console.log(
    `${'page'.padEnd(44)} ${'req/s'.padStart(8)} ${'bare req/s'.padStart(11)} ${'ratio'.padStart(6)} ${'p50 ms'.padStart(7)} ${'p97.5 ms'.padStart(9)}  every round's ratio`,
  )
  const alone: Array<[string, autocannon.Result]> = []
  for (const target of targets) {
    // This machine's throughput drifts by about 10 % from one run to the next; the median of interleaved rounds
    // is the figure a single unlucky run cannot move.
    const measured: Array<{ page: autocannon.Result; bare: autocannon.Result; ratio: number }> = []
    for (let round = 0; round < rounds; round++) {
      const bare = await run(`${base}/bench/bare`, target.cookie)
      const page = await run(base + target.path, target.cookie)
      if (page.non2xx > 0) throw new Error(`${target.path}: ${page.non2xx} answers were not 2xx`)
      measured.push({ page, bare, ratio: page.requests.average / bare.requests.average })
    }
    const { page, bare, ratio } = [...measured].sort((a, b) => a.ratio - b.ratio)[Math.floor(rounds / 2)]!
    console.log(
      `${target.name.padEnd(44)} ${page.requests.average.toFixed(0).padStart(8)} ${bare.requests.average.toFixed(0).padStart(11)} ${ratio.toFixed(2).padStart(6)} ${String(page.latency.p50).padStart(7)} ${String(page.latency.p97_5).padStart(9)}  ${measured.map((m) => m.ratio.toFixed(2)).join(' ')}`,
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
  await stopServer(server)
  database.remove()
}
