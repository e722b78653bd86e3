/**
 * What a database needs before the app serves it, on every start: the migrations, the demo data the first time
 * (when there is no user yet, unless SEED_DEMO=false), and stored standings for any cycle scored before they were
 * stored (a database from an earlier version). Run by the production server as it starts and by `npm run setup:db`.
 */
import { sql } from 'kysely'
import type { DB } from './client.server'
import { isPostgres } from './sql-dialect'
import { AwardKysely, DatabaseStartError, databaseDescription, migrateToLatest } from './client.server'
import { demoLogins, demoPassword, seedDemo } from './seed'
import { actingOffices } from '#workflows/account/duties'
import { cyclesMissingStandings } from './repositories/standings'
import { refreshCycleStandings } from '#workflows/review/standings.server'

export async function prepareDatabase(db: DB): Promise<{ seeded: boolean }> {
  if (isPostgres(db)) await checkPostgresServer(db)
  return oneStartAtATime(db, () => prepare(db))
}

/** The oldest PostgreSQL whose SQL the application keeps to (issue 20: 13 and newer, no extensions). */
export const minimumPostgresVersion = 130000

/**
 * A server that cannot be reached, or is too old for the SQL the application writes, stops the start with one
 * line saying which, rather than every page answering 500 later.
 */
async function checkPostgresServer(db: DB): Promise<void> {
  const server = db instanceof AwardKysely ? db.description : databaseDescription()
  let version: number
  try {
    const { rows } = await sql<{ version: string }>`select current_setting('server_version_num') as version`.execute(db)
    version = Number(rows[0]?.version)
  } catch (error) {
    throw new DatabaseStartError(`cannot reach ${server}: ${error instanceof Error ? error.message : String(error)}`)
  }
  const refusal = postgresVersionRefusal(server, version)
  if (refusal) throw new DatabaseStartError(refusal)
}

/** Why a server of this version (server_version_num) cannot serve the application, or null when it can. */
export function postgresVersionRefusal(server: string, version: number): string | null {
  if (version >= minimumPostgresVersion) return null
  const major = Number.isFinite(version) ? String(Math.floor(version / 10000)) : 'of an unknown version'
  return `${server} is PostgreSQL ${major}; version ${minimumPostgresVersion / 10000} or newer is needed`
}

/**
 * Two server processes started together on one PostgreSQL database would both find no user and both load the
 * demo data: the second waits here (a session advisory lock) until the first has finished. SQLite needs nothing:
 * migrations and the seed run in its write transactions, one process after the other.
 */
async function oneStartAtATime<T>(db: DB, work: () => Promise<T>): Promise<T> {
  if (!isPostgres(db)) return work()
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${startLockKey})`.execute(connection)
    try {
      return await work()
    } finally {
      await sql`select pg_advisory_unlock(${startLockKey})`.execute(connection)
    }
  })
}

/** Any fixed number, the same in every process: "Award" in ASCII. */
const startLockKey = 0x4177617264

async function prepare(db: DB): Promise<{ seeded: boolean }> {
  await migrateToLatest(db)
  const anyUser = await db.selectFrom('users').select('id').limit(1).executeTakeFirst()
  const seeded = !anyUser && process.env.SEED_DEMO !== 'false'
  if (seeded) await seedDemo(db)
  for (const cycleId of await cyclesMissingStandings(db))
    await db.transaction().execute((trx) => refreshCycleStandings(trx, cycleId))
  return { seeded }
}

/** What a start tells whoever started it: where the data is, and the demo logins. */
export function startReport(seeded: boolean): string[] {
  return [
    ...(seeded ? ['Demo data loaded.'] : []),
    `Database: ${databaseDescription()}`,
    `Demo logins (password for all: ${demoPassword}):`,
    ...demoLogins.map(
      (login) =>
        `  ${('offices' in login ? login.offices.join('+') : login.role === 'admin' ? actingOffices.join('+') : login.role).padEnd(29)} ${login.email.padEnd(38)} ${login.name}`,
    ),
  ]
}
