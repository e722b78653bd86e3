import crypto from 'node:crypto'
import { redirect } from '@remix-run/node'
import { getAwardDb } from '#db/client.server'
import { deleteSession, findSessionWithUser, insertSession, touchSession } from '#db/repositories/sessions'
import type { Actor, Role } from '#workflows/application/application.policy'
import { twoFactorRequired } from '#workflows/account/two-factor'
import { isReadOnly, type Office, officesOfMask } from '#workflows/account/duties'
import { sessionCookie } from './cookies.server'
import { env } from './env.server'
import { httpError } from './http.server'

/** Logged out after 2 hours without a request, and after 12 hours whatever happens. */
export const idleTimeoutMs = 2 * 60 * 60 * 1000
export const absoluteTimeoutMs = 12 * 60 * 60 * 1000
// Writing last_seen_at on every request would turn reads into writes; once a minute is precise enough.
const touchIntervalMs = 60 * 1000

type SessionRow = NonNullable<Awaited<ReturnType<typeof findSessionWithUser>>>

/** The logged-in user, their organisation's name, their offices (staff), and how many unread messages their inbox holds. */
export type SessionUser = Omit<SessionRow, 'expires_at' | 'last_seen_at' | 'unread' | 'office_mask'> & {
  unread: number
  offices: Office[]
}

export async function sessionIdFrom(request: Request): Promise<string | null> {
  const value = await sessionCookie(request).parse(request.headers.get('cookie'))
  return typeof value === 'string' && value.length > 0 ? value : null
}

/**
 * A page's loaders (the root's and the page's own) each ask who is logged in; on one GET they share the answer:
 * asking twice doubled the session's cost on every page (issue 19). Remix hands each loader its own copy of the
 * request, all sharing the original's abort signal, which is the key. A form post is never shared, as its
 * action may change the session or the user.
 */
const sessionUserOfPage = new WeakMap<AbortSignal, Promise<SessionUser | null>>()

export function getSessionUser(request: Request): Promise<SessionUser | null> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return lookUpSessionUser(request)
  let user = sessionUserOfPage.get(request.signal)
  if (!user) sessionUserOfPage.set(request.signal, (user = lookUpSessionUser(request)))
  return user
}

/**
 * Until when the session that answered a page's request stays valid without another request (its absolute end, or
 * its idle end): the page cache keeps that page for the session no longer (app/page-cache.mjs). Keyed like the
 * shared lookup above.
 */
const sessionEndOfPage = new WeakMap<AbortSignal, number>()

export function sessionEndOf(request: Request): number | undefined {
  return sessionEndOfPage.get(request.signal)
}

async function lookUpSessionUser(request: Request): Promise<SessionUser | null> {
  const id = await sessionIdFrom(request)
  if (!id) return null
  // Sessions are the award's, in a rehearsal too (decision record 0035).
  const db = getAwardDb()
  const found = await findSessionWithUser(db, id)
  if (!found) return null
  const now = Date.now()
  if (Date.parse(found.expires_at) <= now || Date.parse(found.last_seen_at) + idleTimeoutMs <= now) {
    await deleteSession(db, id)
    return null
  }
  let lastSeen = Date.parse(found.last_seen_at)
  if (lastSeen + touchIntervalMs <= now) {
    await touchSession(db, id, new Date(now).toISOString())
    lastSeen = now
  }
  sessionEndOfPage.set(request.signal, Math.min(Date.parse(found.expires_at), lastSeen + idleTimeoutMs))
  const { expires_at: _expires, last_seen_at: _seen, unread, office_mask, ...user } = found
  return { ...user, unread: Number(unread), offices: officesOfMask(Number(office_mask ?? 0)) }
}

export function actorOf(user: SessionUser): Actor {
  return {
    userId: user.id,
    role: user.role,
    organisationId: user.organisation_id,
    offices: user.offices,
    memberRole: user.member_role,
  }
}

/** The logged-in user of the given role; otherwise to the login page, or 403 for a user of another role. */
export async function requireUser(request: Request, role?: Role): Promise<{ user: SessionUser; actor: Actor }> {
  const user = await getSessionUser(request)
  if (!user) {
    const url = new URL(request.url)
    throw redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`)
  }
  if (role && user.role !== role) throw httpError(403, 'errors.forbidden')
  // A supervisor reads everything and changes nothing: any form they post to the back office is refused here,
  // before the page's action, as well as by the workflow services' duty checks.
  if (role === 'admin' && request.method !== 'GET' && request.method !== 'HEAD' && isReadOnly(actorOf(user)))
    throw httpError(403, 'errors.readOnlyOffice')
  // Where the deployment requires a second factor for this role, an account without one is sent to set it up
  // first; the account pages stay open (that is where it is set up).
  if (!user.totp_enabled_at && twoFactorRequired(user.role, env().TWO_FACTOR)) {
    const url = new URL(request.url)
    if (!url.pathname.startsWith('/account')) throw redirect('/account/two-factor')
  }
  return { user, actor: actorOf(user) }
}

/** Starts a session with a fresh id (never one the browser brought) and returns its Set-Cookie header. */
export async function createUserSession(request: Request, userId: number): Promise<string> {
  const previous = await sessionIdFrom(request)
  const db = getAwardDb()
  if (previous) await deleteSession(db, previous)
  const id = crypto.randomBytes(32).toString('base64url')
  const now = new Date()
  await insertSession(db, {
    id,
    userId,
    now: now.toISOString(),
    expiresAt: new Date(now.getTime() + absoluteTimeoutMs).toISOString(),
  })
  return sessionCookie(request).serialize(id, { maxAge: absoluteTimeoutMs / 1000 })
}

/** Deletes the session row, so the cookie is worthless even if it was copied, and clears the cookie. */
export async function destroyUserSession(request: Request): Promise<string> {
  const id = await sessionIdFrom(request)
  if (id) await deleteSession(getAwardDb(), id)
  return sessionCookie(request).serialize('', { maxAge: 0 })
}

export function homeOf(role: Role): string {
  return role === 'admin' ? '/admin' : role === 'reviewer' ? '/review' : '/applicant'
}

const sameOrigin = 'http://same-origin.invalid'

/**
 * Only a path on this site is followed after login or a language switch, so ?next= cannot send anyone
 * elsewhere. Browsers drop tabs and line breaks inside URLs and read `\` as `/`, so `/<tab>/evil.example`
 * and `/\evil.example` would leave the site: any control character or backslash is refused outright (a line
 * break would also be an invalid Location header), and what is left must resolve to our own origin.
 * The answer is the path as a browser resolves it (dot segments, encoded dots), so it must not itself start
 * with `//`: `/.//evil.example` resolves to the path `//evil.example`, which a Location header reads as a host.
 */
export function safeNext(next: string | null, fallback: string): string {
  // Control characters are what this refuses.
  // eslint-disable-next-line no-control-regex
  if (!next || next.length > 2048 || !next.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(next)) return fallback
  let url: URL
  try {
    url = new URL(next, sameOrigin)
  } catch {
    return fallback
  }
  if (url.origin !== sameOrigin || url.pathname.startsWith('//')) return fallback
  return url.pathname + url.search + url.hash
}

/** Login and registration are for visitors: a logged-in user goes to their own start page instead. */
export async function redirectIfLoggedIn(request: Request): Promise<void> {
  const user = await getSessionUser(request)
  if (user) throw redirect(homeOf(user.role))
}
