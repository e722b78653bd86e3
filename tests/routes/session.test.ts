import { describe, expect, it } from 'vitest'
import { findSession } from '../../db/repositories/sessions'
import { absoluteTimeoutMs, getSessionUser, idleTimeoutMs } from '~/utils/session.server'
import { world } from '../integration/helpers'
import { origin, sessionCookieHeader } from './http'

async function sessionFor(userId: number) {
  const cookie = await sessionCookieHeader(userId)
  return { request: new Request(`${origin}/`, { headers: { cookie } }), cookie }
}

describe('sessions', () => {
  it('recognises a fresh session', async () => {
    const w = await world()
    const { request } = await sessionFor(w.admin.userId)
    expect((await getSessionUser(request))?.id).toBe(w.admin.userId)
  })

  it('ends a session idle for longer than the idle timeout, and deletes its row', async () => {
    const w = await world()
    const { request } = await sessionFor(w.admin.userId)
    const stale = new Date(Date.now() - idleTimeoutMs - 1000).toISOString()
    await w.db.updateTable('sessions').set({ last_seen_at: stale }).where('user_id', '=', w.admin.userId).execute()
    expect(await getSessionUser(request)).toBeNull()
    expect(await w.db.selectFrom('sessions').select('id').where('user_id', '=', w.admin.userId).execute()).toEqual([])
  })

  it('ends a session at its absolute expiry even while it is in use', async () => {
    const w = await world()
    const { request } = await sessionFor(w.reviewers[0]!.userId)
    const row = await w.db
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', w.reviewers[0]!.userId)
      .executeTakeFirstOrThrow()
    expect(Date.parse(row.expires_at) - Date.parse(row.created_at)).toBe(absoluteTimeoutMs)
    await w.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1).toISOString(), last_seen_at: new Date().toISOString() })
      .where('id', '=', row.id)
      .execute()
    expect(await getSessionUser(request)).toBeNull()
    expect(await findSession(w.db, row.id)).toBeUndefined()
  })

  it('ignores a cookie whose signature does not match', async () => {
    const w = await world()
    const { cookie } = await sessionFor(w.admin.userId)
    const tampered = cookie.slice(0, -3) + (cookie.endsWith('abc') ? 'xyz' : 'abc')
    expect(await getSessionUser(new Request(`${origin}/`, { headers: { cookie: tampered } }))).toBeNull()
  })
})
