import { type DB, getAwardDb } from '#db/client.server'
import { findLiveRehearsal } from '#db/repositories/rehearsals'
import { rehearsalDb } from '#db/rehearsal-storage'
import { currentRehearsal, inRehearsal, type RehearsalScope } from '#db/scope'
import { rehearsalCookie } from './cookies.server'
import { isAwardOnlyPath } from './rehearsal-paths'
import { getSessionUser } from './session.server'

/**
 * Which requests work in a rehearsal (演练, decision record 0035): a staff member's, carrying the rehearsal cookie
 * of a rehearsal that still exists, on any page but those of the account and sign-in (the account is the award's,
 * not the copy's) and the register of rehearsals itself. Everyone else, and every request without the cookie, works
 * on the award as always, at no cost beyond looking for the cookie's name.
 */
export async function rehearsalScopeOf(request: Request): Promise<RehearsalScope | undefined> {
  const cookie = request.headers.get('cookie')
  if (!cookie?.includes('__rehearsal=')) return undefined
  if (isAwardOnlyPath(new URL(request.url).pathname)) return undefined
  const id = Number(await rehearsalCookie(request).parse(cookie))
  if (!Number.isSafeInteger(id) || id <= 0) return undefined
  const user = await getSessionUser(request)
  if (user?.role !== 'admin') return undefined
  return (await scopeOfRehearsal(id)) ?? undefined
}

/** A rehearsal that still exists and whose copy is there, as the scope to work in it; null otherwise. */
async function scopeOfRehearsal(id: number): Promise<RehearsalScope | null> {
  const rehearsal = await findLiveRehearsal(getAwardDb(), id)
  const db = rehearsal ? await rehearsalDb(getAwardDb(), rehearsal.storage) : null
  if (!rehearsal || !db) return null
  return { rehearsalId: rehearsal.id, db, clockOffsetMs: rehearsal.clock_offset_minutes * 60_000 }
}

/** Runs a request's work in its rehearsal, if it has one: the production server's way, and the route tests'. */
export async function withRequestRehearsal<T>(request: Request, work: () => Promise<T>): Promise<T> {
  const scope = await rehearsalScopeOf(request)
  return scope ? inRehearsal(scope, work) : work()
}

/**
 * Runs work in a rehearsal named by its number, on its copy and at its clock (the register's page: what the copy
 * would have sent, and what falls due when its clock is moved); null when there is no such rehearsal or its copy is
 * gone.
 */
export async function runInRehearsal<T>(id: number, work: (db: DB) => Promise<T>): Promise<T | null> {
  const scope = await scopeOfRehearsal(id)
  return scope ? inRehearsal(scope, () => work(scope.db)) : null
}

/** A download's file name, marked as a rehearsal's when it is made in one (its files are never the award's). */
export function downloadName(filename: string): string {
  const rehearsal = currentRehearsal()
  return rehearsal ? `rehearsal-${rehearsal.rehearsalId}-${filename}` : filename
}
