import pg from 'pg'
import { describe, expect, it, vi } from 'vitest'
import { DatabaseStartError, databaseUrl, getDb, openPostgres } from '#db/client.server'
import { prepareDatabase } from '#db/prepare'

describe('starting on PostgreSQL', () => {
  it('stops with one line naming the server when it cannot be reached', async () => {
    const unreachable = openPostgres('postgres://award@127.0.0.1:1/award')
    try {
      const failure = await prepareDatabase(unreachable).catch((error: unknown) => error)
      expect(failure).toBeInstanceOf(DatabaseStartError)
      expect(String(failure)).toMatch(/cannot reach PostgreSQL 127\.0\.0\.1:1\/award: .*ECONNREFUSED/)
    } finally {
      await unreachable.destroy()
    }
  })

  it('migrates and loads the demo data once, whichever of two starts comes first', async () => {
    const db = getDb()
    const results = await Promise.all([prepareDatabase(db), prepareDatabase(db)])
    expect(results.filter((r) => r.seeded)).toHaveLength(1)
    const { count } = await db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('email', '=', 'secretariat@award.example')
      .executeTakeFirstOrThrow()
    expect(count).toBe(1)
  })

  it('carries on when the server ends its idle connections, instead of the process stopping', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const db = openPostgres(databaseUrl()!)
    const admin = new pg.Client({ connectionString: databaseUrl() })
    await admin.connect()
    try {
      // Two connections in the pool, then idle.
      await Promise.all([db.selectFrom('users').select('id').execute(), db.selectFrom('cycles').select('id').execute()])
      const ended = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
      )
      expect(ended.rowCount).toBeGreaterThan(0)
      // Each ended connection is an 'error' of the pool: without a listener, an uncaught exception (the test run
      // reports it, and a server process would stop); with it, a warning naming what happened.
      // (every ended one: this pool's two and those of the file's own pool, idle too).
      await expect.poll(() => warn.mock.calls.length).toBe(ended.rowCount)
      expect(String(warn.mock.calls[0]![0])).toContain('PostgreSQL ended an idle connection')
      expect(await db.selectFrom('users').select('id').execute()).toBeInstanceOf(Array)
    } finally {
      await admin.end()
      await db.destroy()
      warn.mockRestore()
    }
  })
})
