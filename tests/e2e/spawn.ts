import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { type ChildProcess, spawn } from 'node:child_process'
import { inject } from 'vitest'
import { childEnv, freePort, waitFor } from './server'

/** A second production server on the same database, with settings of the test's own. */
export async function spawnServer(extraEnv: Record<string, string>): Promise<{ url: string; stop: () => void }> {
  const port = await freePort()
  const env = childEnv({
    DATABASE_PATH: inject('databasePath'),
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    ...extraEnv,
  })
  const child: ChildProcess = spawn('node', ['app/production-server.mjs'], { env, stdio: 'ignore' })
  const url = `http://127.0.0.1:${port}`
  try {
    await waitFor(`${url}/healthz`, child, 60_000)
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  }
  return { url, stop: () => child.kill('SIGTERM') }
}

/**
 * A copy of the shared demo database as it stands now, for a test that moves the demo's state on where the other
 * browser tests must not see it (VACUUM INTO: one consistent copy even while the shared server writes).
 */
export function copyOfSharedDatabase(prefix: string): { path: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  const copy = path.join(dir, 'award.sqlite')
  const source = new Database(inject('databasePath'))
  try {
    source.exec(`VACUUM INTO '${copy}'`)
  } finally {
    source.close()
  }
  return { path: copy, remove: () => fs.rmSync(dir, { recursive: true, force: true }) }
}
