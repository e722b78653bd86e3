/**
 * The reference every page is measured against (issue 19): the separate bare Remix app in ../shared/perf-baseline
 * (Remix's default template, one route, Express with nothing else), installed from its own lock file into a
 * scratch copy under data/bench/ (outside the project's node_modules), built once, and started beside the app.
 * BENCH_BASELINE_DIR names another copy of it.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

const source = path.resolve(process.env.BENCH_BASELINE_DIR ?? path.join('..', 'shared', 'perf-baseline'))

/** The copy for this version of the baseline's sources: installed and built the first time. */
function preparedCopy(): string {
  if (!fs.existsSync(path.join(source, 'package.json')))
    throw new Error(`The bare Remix app is not at ${source}: set BENCH_BASELINE_DIR to its folder.`)
  const hash = crypto.createHash('sha256')
  for (const entry of fs.readdirSync(source, { recursive: true, withFileTypes: true }).sort()) {
    const file = path.join(entry.parentPath ?? entry.path, entry.name)
    if (!entry.isFile() || /(^|\/)(node_modules|build)\//.test(path.relative(source, file))) continue
    hash.update(path.relative(source, file)).update(fs.readFileSync(file))
  }
  const copy = path.resolve('data', 'bench', `perf-baseline-${hash.digest('hex').slice(0, 12)}`)
  if (fs.existsSync(path.join(copy, 'build', 'server', 'index.js'))) return copy
  console.log(`Installing and building the bare Remix app in ${copy} (once)...`)
  fs.rmSync(copy, { recursive: true, force: true })
  fs.cpSync(source, copy, {
    recursive: true,
    filter: (file) => !/(^|\/)(node_modules|build)(\/|$)/.test(path.relative(source, file)),
  })
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: copy, stdio: ['ignore', 'ignore', 'inherit'] })
  execFileSync('npx', ['remix', 'vite:build'], { cwd: copy, stdio: ['ignore', 'ignore', 'inherit'] })
  return copy
}

/** Starts the bare Remix app on a port and waits until it answers. */
export async function startBaseline(port: number): Promise<{ server: ChildProcess; url: string }> {
  const copy = preparedCopy()
  const server = spawn('node', ['server-express-remix.js'], {
    cwd: copy,
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port) },
    stdio: 'ignore',
  })
  const url = `http://127.0.0.1:${port}/`
  const until = Date.now() + 30_000
  while (Date.now() < until) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) return { server, url }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  server.kill()
  throw new Error('the bare Remix app did not start')
}
