import type { Executor } from './types'

/**
 * Removes the counters that ran out before `beforeMs` (milliseconds since the epoch, as the rate-limit store writes
 * them). The store overwrites an expired counter when its key comes back, but keys that never come back (a passing
 * address, a mistyped e-mail) would stay for ever. Returns how many were removed.
 */
export async function deleteExpiredRateLimits(db: Executor, beforeMs: number): Promise<number> {
  const result = await db.deleteFrom('rate_limits').where('expire', '<', beforeMs).executeTakeFirst()
  return Number(result.numDeletedRows)
}
