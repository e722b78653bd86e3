import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { compiledOnce } from '../../db/compiled-once'
import { createApplicantAccount, createStaffAccount } from '../../db/factories'
import { findSessionWithUser, insertSession } from '../../db/repositories/sessions'

/** A statement compiled once and run with each call's values (db/compiled-once.ts), on SQLite and PostgreSQL. */
describe('a statement compiled once', () => {
  it('answers each call for its own values, keeping the constants of the statement', async () => {
    const db = getDb()
    const applicant = await createApplicantAccount(db, {
      n: 7101,
      name: '南山精密制造有限公司',
      email: 'a@once.example',
      password: 'pw-once-2026',
    })
    const expert = await createStaffAccount(db, {
      role: 'reviewer',
      name: '林专家',
      email: 'r@once.example',
      password: 'pw-once-2026',
    })
    let built = 0
    const usersOfRole = compiledOnce(2, (handle, email, role) => {
      built++
      return handle
        .selectFrom('users')
        .select(['id', 'email'])
        .where('email', '=', email!)
        .where('role', '=', role as 'applicant' | 'reviewer')
        .where('email', 'like', '%@once.example')
    })
    expect(await usersOfRole(db, 'a@once.example', 'applicant')).toEqual([
      { id: applicant.userId, email: 'a@once.example' },
    ])
    expect(await usersOfRole(db, 'r@once.example', 'reviewer')).toEqual([
      { id: expert.userId, email: 'r@once.example' },
    ])
    expect(await usersOfRole(db, 'r@once.example', 'applicant')).toEqual([])
    // In a transaction of the same handle too, without building it again.
    await db.transaction().execute(async (trx) => {
      expect(await usersOfRole(trx, 'a@once.example', 'applicant')).toHaveLength(1)
    })
    expect(built).toBe(1)
  })

  it('refuses a stand-in that is not a value of the statement, and a call with the wrong number of values', async () => {
    const db = getDb()
    const misused = compiledOnce(1, (handle) => handle.selectFrom('users').select('id'))
    await expect(misused(db, 'x')).rejects.toThrow('value 0 is not a parameter')
    const one = compiledOnce(1, (handle, email) => handle.selectFrom('users').select('id').where('email', '=', email!))
    await expect(one(db)).rejects.toThrow('expected 1 values')
  })

  it('finds a session with its user for each session, as every signed-in request does', async () => {
    const db = getDb()
    const first = await createApplicantAccount(db, {
      n: 7102,
      name: '宝安新材料有限公司',
      email: 's1@once.example',
      password: 'pw-once-2026',
    })
    const second = await createApplicantAccount(db, {
      n: 7103,
      name: '龙华智能装备有限公司',
      email: 's2@once.example',
      password: 'pw-once-2026',
    })
    const now = new Date().toISOString()
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString()
    await insertSession(db, { id: 'session-one', userId: first.userId, now, expiresAt })
    await insertSession(db, { id: 'session-two', userId: second.userId, now, expiresAt })
    expect(await findSessionWithUser(db, 'session-one')).toMatchObject({
      id: first.userId,
      organisation_name: '宝安新材料有限公司',
    })
    expect(await findSessionWithUser(db, 'session-two')).toMatchObject({
      id: second.userId,
      organisation_name: '龙华智能装备有限公司',
    })
    expect(await findSessionWithUser(db, 'no-such-session')).toBeUndefined()
  })
})
