import { type ChildProcess, spawn } from 'node:child_process'
import net from 'node:net'
import { inject } from 'vitest'
import { childEnv } from './server'

/** A second production server on the same database, with settings of the test's own. */
export async function spawnServer(extraEnv: Record<string, string>): Promise<{ url: string; stop: () => void }> {
  const port = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address() as net.AddressInfo
      probe.close(() => resolve(address.port))
    })
  })
  const env = childEnv({ DATABASE_PATH: inject('databasePath'), NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', ...extraEnv })
  const child: ChildProcess = spawn('node', ['app/production-server.mjs'], { env, stdio: 'ignore' })
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, stop: () => child.kill('SIGTERM') }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  child.kill('SIGKILL')
  throw new Error('the second server did not start')
}
