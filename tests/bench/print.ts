/**
 * `npm run bench:print` (issue 18): does printing stall everyone? Twelve secretariat users download an
 * application's PDF back to back for 20 s on the production server (demo data), while a probe asks `/healthz`
 * every 100 ms and the home page every 500 ms. Reports the probes' median and worst times and the PDFs served.
 * Target: `/healthz` median ≤ 300 ms and worst ≤ 3 s; `/` served throughout. Not a test: the figures go into the
 * README and the closing note.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { benchPort, login, migrate, startServer, stopServer, waitForServer } from './server'

const clients = Number(process.env.BENCH_PRINT_CLIENTS ?? 12)
const seconds = Number(process.env.BENCH_PRINT_SECONDS ?? 20)
const secret = 'bench-print-'.padEnd(40, 'x')

if (!fs.existsSync('build/server/index.js')) throw new Error('build first: npm run build')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'award-print-bench-'))
const file = path.join(dir, 'demo.sqlite')
migrate(file)
const database = new Database(file, { readonly: true })
const { id } = database
  .prepare("select id from applications where status not in ('draft') order by id limit 1")
  .get() as { id: number }
database.close()

const { server, base } = startServer(file, benchPort(9000), secret)
const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? NaN

async function timed(url: string, cookie = ''): Promise<{ ms: number; status: number }> {
  const started = performance.now()
  const response = await fetch(url, { headers: cookie ? { cookie } : {} })
  await response.arrayBuffer()
  return { ms: performance.now() - started, status: response.status }
}

try {
  await waitForServer(base)
  // One after another: a login is counted against the limits until its password is found right.
  const cookies: string[] = []
  for (let i = 0; i < clients; i++) cookies.push(await login(base, 'secretariat@award.example'))
  const unloaded = [] as number[]
  for (let i = 0; i < 20; i++) unloaded.push((await timed(`${base}/healthz`)).ms)
  const until = performance.now() + seconds * 1000
  const printed = { ok: 0, busy: 0, failed: 0 }
  const printers = cookies.map(async (cookie) => {
    while (performance.now() < until) {
      const { status } = await timed(`${base}/admin/applications/${id}/application.pdf`, cookie)
      if (status === 200) printed.ok++
      else if (status === 503) printed.busy++
      else printed.failed++
    }
  })
  const probe = async (page: string, every: number) => {
    const times: number[] = []
    let failures = 0
    while (performance.now() < until) {
      const { ms, status } = await timed(base + page)
      if (status !== 200) failures++
      times.push(ms)
      await new Promise((resolve) => setTimeout(resolve, every))
    }
    return { times, failures }
  }
  const [health, home] = await Promise.all([probe('/healthz', 100), probe('/', 500), ...printers])
  const row = (name: string, r: { times: number[]; failures: number }) =>
    `| ${name} | ${r.times.length} | ${r.failures} | ${quantile(r.times, 0.5).toFixed(0)} | ${quantile(r.times, 0.95).toFixed(0)} | ${Math.max(...r.times).toFixed(0)} |`
  console.log(
    `${clients} clients printing for ${seconds} s: ${printed.ok} PDFs, ${printed.busy} answered 503 (queue full), ${printed.failed} failed`,
  )
  console.log(`/healthz unloaded: median ${quantile(unloaded, 0.5).toFixed(0)} ms`)
  console.log('| probe | requests | failed | median ms | p95 ms | worst ms |')
  console.log('| --- | --- | --- | --- | --- | --- |')
  console.log(row('/healthz (every 100 ms)', health))
  console.log(row('/ (every 500 ms)', home))
} finally {
  await stopServer(server)
  fs.rmSync(dir, { recursive: true, force: true })
}
