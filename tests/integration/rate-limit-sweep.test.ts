import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { deleteExpiredRateLimits } from '../../db/repositories/rate-limits'

describe("the rate limits' expired counters", () => {
  it('are removed once they ran out before the given time; running and unlimited ones stay', async () => {
    const db = getDb()
    const now = Date.now()
    await db
      .insertInto('rate_limits')
      .values([
        { key: 'sweep:gone', points: 3, expire: now - 2 * 3_600_000 },
        { key: 'sweep:recent', points: 1, expire: now - 60_000 },
        { key: 'sweep:running', points: 2, expire: now + 600_000 },
        { key: 'sweep:forever', points: 1, expire: null },
      ])
      .execute()
    expect(await deleteExpiredRateLimits(db, now - 3_600_000)).toBe(1)
    const left = await db
      .selectFrom('rate_limits')
      .select('key')
      .where('key', 'like', 'sweep:%')
      .orderBy('key')
      .execute()
    expect(left.map((row) => row.key)).toEqual(['sweep:forever', 'sweep:recent', 'sweep:running'])
  })
})
