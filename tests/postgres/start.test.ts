import { describe, expect, it } from 'vitest'
import { DatabaseStartError, getDb, openPostgres } from '#db/client.server'
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
})
