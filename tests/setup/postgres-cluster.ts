import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { postgresBinDir } from '../../db/postgres-programs'
import { freePort } from '../e2e/server'

/**
 * A throwaway PostgreSQL server for the tests: Debian's `initdb` and `pg_ctl` in a temporary folder, on a free
 * port of 127.0.0.1, removed afterwards. PostgreSQL refuses to run as root, so as root it runs as the `postgres`
 * user the package creates. POSTGRES_TEST_URL (a server the runner may create databases on) skips all this.
 */
export interface PostgresServer {
  /** A URL of the server's maintenance database, for CREATE / DROP DATABASE. */
  adminUrl: string
  /** The URL of a database on this server. */
  urlOf: (database: string) => string
  stop: () => void
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0

/** The maintenance database's URL and any database's, on the server of the URL given. */
export function urlsOf(base: string): Pick<PostgresServer, 'adminUrl' | 'urlOf'> {
  const urlOf = (database: string) => {
    const url = new URL(base)
    url.pathname = `/${database}`
    return url.toString()
  }
  return { adminUrl: urlOf('postgres'), urlOf }
}

export async function startPostgres(): Promise<PostgresServer> {
  const given = process.env.POSTGRES_TEST_URL
  if (given) return { ...urlsOf(given), stop: () => {} }

  const bin = postgresBinDir(['initdb', 'pg_ctl'])
  if (!bin)
    throw new Error(
      "The PostgreSQL tests need Debian's postgresql package (initdb, pg_ctl), not found on this machine.\n" +
        'Install it (sudo apt-get install postgresql), or set POSTGRES_TEST_URL to a server the tests may create databases on.',
    )
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'award-pg-'))
  const run = (command: string, args: string[]) => {
    const [file, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]
    execFileSync(file, argv, { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir })
  }
  if (isRoot()) {
    fs.chmodSync(dir, 0o755)
    execFileSync('chown', ['postgres', dir])
  }
  const data = path.join(dir, 'data')
  const port = await freePort()
  run(path.join(bin, 'initdb'), ['-D', data, '-U', 'award', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'])
  // fsync off: a test cluster need not survive a power cut, and CI's disk is slow enough already.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`
  run(path.join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', 'start'])
  return {
    ...urlsOf(`postgres://award@127.0.0.1:${port}/postgres`),
    stop: () => {
      try {
        run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'])
      } finally {
        fs.rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}
