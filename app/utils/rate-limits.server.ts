import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  RateLimiterSQLite,
} from 'rate-limiter-flexible'
import { databaseUrl, rateLimitDatabase, sidePool } from '#db/client.server'
import { json } from '@remix-run/node'
import type { ErrorData } from './http.server'

/**
 * How often one client may try what strangers can try: log in, register, object to a proposed award. Counted
 * with rate-limiter-flexible in the database (the `rate_limits` table, SQLite's or PostgreSQL's store), so the
 * limits hold across restarts and are shared by every server process on the same database. If the store cannot be written (another writer holds
 * the lock), a counter in memory stands in rather than failing the request.
 *
 * Logins are counted three ways, every attempt before its password is checked and a successful one given back
 * (so failures are what the limits count): per client address (spraying many accounts from one place),
 * per account from one address (guessing one password), and per account from everywhere, in a short window so
 * that a stranger can never lock the owner out for longer than 5 minutes.
 */
export const rateLimits = {
  loginFailuresPerAddress: { points: 30, duration: 15 * 60 },
  loginFailuresPerAccountAndAddress: { points: 5, duration: 15 * 60 },
  loginFailuresPerAccount: { points: 20, duration: 5 * 60 },
  registrationsPerAddress: { points: 5, duration: 60 * 60 },
  objectionsPerAddress: { points: 10, duration: 60 * 60 },
  /** Each reset request may send an e-mail to someone: a few an hour per address. */
  passwordResetsPerAddress: { points: 5, duration: 60 * 60 },
} as const

type LimitName = keyof typeof rateLimits

const limiters = new Map<string, RateLimiterAbstract>()

function limiter(name: LimitName): RateLimiterAbstract {
  const postgres = databaseUrl()
  const cacheKey = `${postgres ?? rateLimitDatabase().name}:${name}`
  let found = limiters.get(cacheKey)
  if (!found) {
    const { points, duration } = rateLimits[name]
    const common = {
      tableName: 'rate_limits',
      tableCreated: true,
      keyPrefix: name,
      points,
      duration,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, points, duration }),
    }
    found = postgres
      ? // Expired counters are overwritten by the upsert; no sweeping timer per limiter in every process.
        new RateLimiterPostgres({ ...common, storeClient: sidePool(), storeType: 'pool', clearExpiredByTimeout: false })
      : new RateLimiterSQLite({ ...common, storeClient: rateLimitDatabase(), storeType: 'better-sqlite3' })
    limiters.set(cacheKey, found)
  }
  return found
}

/** 429 with the wait in the user's language (in minutes) and in Retry-After (in seconds). */
export function tooManyRequests(msBeforeNext: number): Response {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000))
  return json<ErrorData>(
    { messageKey: 'errors.tooManyRequests', vars: { minutes: Math.ceil(seconds / 60) } },
    { status: 429, headers: { 'Retry-After': String(seconds) } },
  )
}

function retryAfterOf(rejection: unknown): number {
  if (rejection instanceof RateLimiterRes) return rejection.msBeforeNext
  throw rejection
}

/** Counts one attempt against the limit; the 429 to answer with when it is used up, else null. */
export async function overLimit(name: LimitName, key: string): Promise<Response | null> {
  try {
    await limiter(name).consume(key)
    return null
  } catch (rejection) {
    return tooManyRequests(retryAfterOf(rejection))
  }
}

/** The client as the server saw it: the address Express read (X-Forwarded-For only from a trusted proxy). */
export function clientAddress(context: unknown): string {
  const address = (context as { clientAddress?: unknown } | undefined)?.clientAddress
  return typeof address === 'string' && address !== '' ? address : 'unknown'
}

function loginKeys(email: string, address: string): Array<[LimitName, string]> {
  return [
    ['loginFailuresPerAddress', address],
    ['loginFailuresPerAccountAndAddress', `${email}|${address}`],
    ['loginFailuresPerAccount', email],
  ]
}

/**
 * Counts a login attempt before its password is checked (consume, then verify): a check followed later by a
 * record let 100 guesses sent at the same moment all be checked. Each counter is one atomic upsert, so however
 * many arrive together, only as many as the limit get past. The 429 to answer with, else null.
 */
export async function consumeLoginAttempt(email: string, address: string): Promise<Response | null> {
  for (const [name, key] of loginKeys(email, address)) {
    const refused = await overLimit(name, key)
    if (refused) return refused
  }
  return null
}

/**
 * A right password was no failure: its attempt is given back to the address and the account, and this address's
 * failures for the account are cleared.
 */
export async function recordLoginSuccess(email: string, address: string): Promise<void> {
  await limiter('loginFailuresPerAddress').reward(address, 1)
  await limiter('loginFailuresPerAccount').reward(email, 1)
  await limiter('loginFailuresPerAccountAndAddress').delete(`${email}|${address}`)
}
