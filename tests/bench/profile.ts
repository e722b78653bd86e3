/**
 * `npm run bench:profile -- <page> [account]`: where one page's time goes under load (issue 19: "find the floor
 * with a profiler, not guesses"). Starts the production server on a copy of the scale database with `--cpu-prof`,
 * signs in as the account (default the secretariat; `none` for a visitor), loads the page with autocannon at 10
 * connections for PROFILE_SECONDS (8), stops the server and prints the busy time's shares: by package, and the
 * app's own functions and the main stages (session, loaders, rendering) inclusive of what they call. The profile
 * itself stays in data/bench/profiles/ for Chrome's DevTools. `:scored` and `:assigned` in the page stand for an
 * application with a final score and one reviewer1 has scored. Start-up is in the profile too (module loading);
 * the longer the run, the less it weighs.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import autocannon from 'autocannon'
import { benchPageIds, benchPort, ensureBuild, login, scaleDatabaseCopy, waitForServer } from './server'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

const [page = '/bench/bare', account = 'secretariat@award.example'] = process.argv.slice(2)
const seconds = Number(process.env.PROFILE_SECONDS ?? 8)
const out = path.resolve('data/bench/profiles')
fs.mkdirSync(out, { recursive: true })
const before = new Set(fs.readdirSync(out))

await ensureBuild()
const database = scaleDatabaseCopy('profile')
const ids = await benchPageIds(database.file)
const port = benchPort(4600)
const server = spawn('node', ['--cpu-prof', `--cpu-prof-dir=${out}`, 'app/production-server.mjs'], {
  env: {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_PATH: database.file,
    SESSION_SECRET: 'profile-'.padEnd(40, 'x'),
    SCHEDULER: 'off',
    BENCH_BARE: '1',
  },
  stdio: 'ignore',
})
try {
  const base = `http://127.0.0.1:${port}`
  await waitForServer(base, 120_000)
  const cookie = account === 'none' ? '' : await login(base, account)
  const url = base + page.replace(':scored', String(ids.scored)).replace(':assigned', String(ids.assigned))
  const first = await fetch(url, { headers: { cookie }, redirect: 'manual' })
  if (first.status !== 200) throw new Error(`${url} answered ${first.status}`)
  const result = await autocannon({ url, connections: 10, duration: seconds, headers: { cookie } })
  console.log(`${url}: ${result.requests.average.toFixed(0)} req/s over ${seconds} s (profiling slows it)`)
} finally {
  // SIGINT lets the server end normally, which is when Node writes the profile.
  if (server.exitCode === null) {
    server.kill('SIGINT')
    await new Promise((resolve) => server.once('exit', resolve))
  }
  database.remove()
}

/**
 * Functions that mark a stage of a request, by name (the app's own are listed by theirs anyway). Not Express's
 * middlewares: each calls the next one, so each would seem to hold the whole request.
 */
const stages: Record<string, string> = {
  handleDocumentRequest: 'Remix: a page, from matching to the response',
  callRouteLoader: 'Remix: the loaders',
  'exports.renderToString': 'React: rendering to a string',
  lookUpSessionUser: 'the session',
  servePageCopy: 'the page cache',
  createRemixRequest: 'Remix: the request object',
  sendRemixResponse: 'Remix: writing the response',
}

const file = fs.readdirSync(out).find((name) => !before.has(name) && name.endsWith('.cpuprofile'))
if (!file) throw new Error('the server wrote no profile')
report(JSON.parse(fs.readFileSync(path.join(out, file), 'utf8')) as Profile)
console.log(`\nprofile: ${path.join(out, file)}`)

function report(profile: Profile) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
  const where = (url: string) =>
    url.includes('node_modules/')
      ? url.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, '$1')
      : url.startsWith('node:')
        ? 'node'
        : url.includes('/build/server/')
          ? 'the app'
          : url || 'native'
  const name = (node: ProfileNode) => node.callFrame.functionName || '(anonymous)'
  const byPackage = new Map<string, number>()
  const inclusive = new Map<string, number>()
  let busy = 0
  for (let i = 0; i < profile.samples.length; i++) {
    const leaf = nodes.get(profile.samples[i]!)!
    const time = profile.timeDeltas[i] ?? 0
    if (name(leaf) === '(idle)' || name(leaf) === '(program)') continue
    busy += time
    const pkg = name(leaf) === '(garbage collector)' ? 'garbage collection' : where(leaf.callFrame.url)
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + time)
    // Each of the app's functions and the stages named below once per sample, however deep the recursion.
    const seen = new Set<string>()
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const node = nodes.get(id)!
      const key = stages[name(node)] ?? (where(node.callFrame.url) === 'the app' ? `app: ${name(node)}` : undefined)
      if (key && !seen.has(key)) {
        seen.add(key)
        inclusive.set(key, (inclusive.get(key) ?? 0) + time)
      }
    }
  }
  const share = (time: number) => `${((100 * time) / busy).toFixed(1).padStart(5)} %`
  console.log(`\nbusy ${(busy / 1000).toFixed(0)} ms; by package (self time):`)
  for (const [pkg, time] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`${share(time)}  ${pkg}`)
  console.log('\nstages and the app’s functions (inclusive):')
  for (const [key, time] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`${share(time)}  ${key}`)
}
