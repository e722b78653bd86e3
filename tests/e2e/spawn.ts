import { type ChildProcess, spawn } from 'node:child_process'
import { inject } from 'vitest'
import { childEnv, freePort, waitFor } from './server'

/** A second production server on the shared database, or on the one `extraEnv` names, with settings of the test's own. */
export async function spawnServer(extraEnv: Record<string, string>): Promise<{ url: string; stop: () => void }> {
  const port = await freePort()
  const env = childEnv({
    // The database the test names, or the shared one (never both: a URL would win over a path).
    ...(extraEnv.DATABASE_PATH || extraEnv.DATABASE_URL ? {} : inject('databaseEnv')),
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
