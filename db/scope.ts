import { AsyncLocalStorage } from 'node:async_hooks'
import type { Kysely } from 'kysely'
import { setClockOffset } from './clock'
import type { Database } from './schema'

/**
 * What one request works on when it is not the award itself: a rehearsal (演练, issue 24), a copy of the award's
 * database with a clock of its own (decision record 0035). Everything that reads `getDb()` or the award's clock
 * inside the scope reads the copy and the rehearsal's time; outside any scope, the award's own database and the
 * real time. A scope is entered once per request (app/utils/rehearsal-scope.server.ts), so no route, service or
 * repository has to pass it on, and none can forget to.
 */
export interface RehearsalScope {
  rehearsalId: number
  /** The copy's connection. */
  db: Kysely<Database>
  /** How far the rehearsal's clock is ahead of the real one, in milliseconds (0 or more). */
  clockOffsetMs: number
}

const storage = new AsyncLocalStorage<RehearsalScope>()

/** The rehearsal this request works in, or undefined for the award itself. */
export function currentRehearsal(): RehearsalScope | undefined {
  return storage.getStore()
}

/** Runs `work` (and everything it starts, awaited or not) inside a rehearsal. */
export function inRehearsal<T>(scope: RehearsalScope, work: () => T): T {
  return storage.run(scope, work)
}

// The award's clock (db/clock.ts) runs ahead by the offset of the request's rehearsal, if it is in one.
setClockOffset(() => storage.getStore()?.clockOffsetMs ?? 0)
