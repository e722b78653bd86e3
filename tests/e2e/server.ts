import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { startPostgres } from '../setup/postgres-cluster'

/**
 * Browser tests run against the production build, as users get it: build, migrate and seed a fresh SQLite
 * file, start the production server (app/production-server.mjs) on a free port, and hand the address to the tests.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
    /** DATABASE_PATH (SQLite), or DATABASE_URL and ATTACHMENTS_DIR (PostgreSQL): tests/e2e/demo-db.ts reads it. */
    databaseEnv: Record<string, string>
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

export async function waitFor(url: string, server: ChildProcess, timeoutMs: number) {
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`)
    try {
      const response = await fetch(url)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`server at ${url} did not start`)
}

/** The children must not look like vitest workers: vite.config.ts leaves the Remix plugin out under vitest. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra }
  for (const key of Object.keys(env)) if (key.startsWith('VITEST') || key === 'TEST') delete env[key]
  return env
}

export default async function startServer(project: TestProject) {
  const root = process.cwd()
  fs.mkdirSync(path.join(root, 'test-results'), { recursive: true })
  if (!process.env.E2E_SKIP_BUILD) {
    // Quiet unless it fails: the build's file list would bury the test report.
    execFileSync('npx', ['remix', 'vite:build'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: childEnv({ NODE_ENV: 'production' }),
    })
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'award-e2e-'))
  // E2E_DATABASE=postgres: the same suite on a throwaway PostgreSQL server (issue 20; `npm test` runs both).
  const postgres = process.env.E2E_DATABASE === 'postgres' ? await startPostgres() : undefined
  let databaseEnv: Record<string, string> = { DATABASE_PATH: path.join(dir, 'award.sqlite') }
  if (postgres) {
    const admin = new pg.Client({ connectionString: postgres.adminUrl })
    await admin.connect()
    await admin.query('drop database if exists award_e2e')
    await admin.query('create database award_e2e')
    await admin.end()
    databaseEnv = { DATABASE_URL: postgres.urlOf('award_e2e'), ATTACHMENTS_DIR: path.join(dir, 'attachments') }
  }
  // The tests reach the server from loopback, as a reverse proxy on the same host would.
  const env = childEnv({ ...databaseEnv, NODE_ENV: 'production', TRUST_PROXY: 'loopback' })
  execFileSync('npx', ['tsx', 'db/setup.ts'], { cwd: root, env, stdio: 'ignore' })
  const port = await freePort()
  const server = spawn('node', ['app/production-server.mjs'], {
    cwd: root,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  const log = fs.createWriteStream(path.join(root, 'test-results', 'e2e-server.log'))
  server.stdout?.pipe(log)
  server.stderr?.pipe(log)
  const baseUrl = `http://localhost:${port}`
  await waitFor(baseUrl, server, 120_000)
  project.provide('baseUrl', baseUrl)
  project.provide('databaseEnv', databaseEnv)
  return async () => {
    if (server.pid) process.kill(-server.pid, 'SIGTERM')
    if (server.exitCode === null) await new Promise((resolve) => server.once('exit', resolve))
    postgres?.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
