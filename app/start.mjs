/**
 * `npm start`: builds the app only when its sources have changed since the last build, then starts the production
 * server, which migrates the database (and loads the demo data the first time) before it listens. A restart with
 * an unchanged build takes about a second; the build (up to half a minute on a busy machine) happens on a fresh
 * clone and after a change.
 *
 * "Changed" is decided by content, not by modification times (a checkout or a copy changes those): a hash of every
 * file the build reads (the app, workflows and database code, public files, the configuration, the lock file and
 * the dependency patches), kept beside the build in build/.sources.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import url from 'node:url'
import { buildIsCurrent, sourcesHash, stampFile } from './build-stamp.mjs'

const root = path.resolve(path.dirname(url.fileURLToPath(import.meta.url)), '..')
const hash = sourcesHash(root)
if (!buildIsCurrent(root, hash)) {
  console.log('Building the app (its sources changed since the last build)…')
  const cli = createRequire(import.meta.url).resolve('@remix-run/dev/dist/cli.js')
  const built = spawnSync(process.execPath, [cli, 'vite:build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (built.status !== 0) process.exit(built.status ?? 1)
  fs.writeFileSync(stampFile(root), hash)
}
process.env.NODE_ENV = 'production'
await import('./production-server.mjs')
