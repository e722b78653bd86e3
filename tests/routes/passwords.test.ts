import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { findUserByEmail } from '../../db/repositories/users'
import * as account from '~/routes/account'
import * as setPassword from '~/routes/password.$token'
import * as register from '~/routes/register'
import { weakPasswordReason } from '~/utils/password-strength.server'
import { world } from '../integration/helpers'
import { args, get, post, respond } from './http'

const registration = {
  organisationName: '深圳市光明精密制造有限公司',
  uscc: '914403001922038216',
  contactPerson: '周密码',
  email: 'it@guangming-precision.example',
  phone: '13912345678',
}

const pendingFor = (email: string) =>
  getDb().selectFrom('pending_registrations').select('email').where('email', '=', email).execute()

describe('passwords that are easy to guess', () => {
  it('are refused at registration with the reason, and nothing is created', async () => {
    const cases: Array<[string, string]> = [
      ['1234567890', 'errors.passwordCommon'],
      ['password12', 'errors.passwordCommon'],
      ['qwertyuiop', 'errors.passwordCommon'],
      ['guangming-precision', 'errors.passwordPersonal'],
    ]
    for (const [password, reason] of cases) {
      const response = await respond(async () =>
        register.action(args(await post('/register', { ...registration, password, confirmPassword: password }))),
      )
      expect(response.status, password).toBe(400)
      expect(await response.json(), password).toMatchObject({ messageKey: reason, fieldErrors: { password: reason } })
    }
    expect(await findUserByEmail(getDb(), registration.email)).toBeUndefined()
    // Not even a registration waiting for its link.
    expect(await pendingFor(registration.email)).toEqual([])
    const strong = await respond(async () =>
      register.action(
        args(
          await post('/register', {
            ...registration,
            password: 'lantern-orchid-quarry',
            confirmPassword: 'lantern-orchid-quarry',
          }),
        ),
      ),
    )
    expect(strong.status).toBe(200)
    expect(await pendingFor(registration.email)).toHaveLength(1)
  })

  it('are refused when built from the e-mail\u2019s own words and a year or a number', () => {
    const inputs = ['apply@guangming-biotech.example', '光明生物医药有限公司']
    for (const password of ['guangming-2026!', 'Guangming2026!!', 'biotech_20261231'])
      expect(weakPasswordReason(password, inputs), password).toBe('errors.passwordPersonal')
    // A passphrase of other words is not.
    expect(weakPasswordReason('lantern-orchid-quarry', inputs)).toBeNull()
  })

  it('are refused for a new password on the account page and for one set through a password link', async () => {
    const w = await world()
    const change = await respond(async () =>
      account.action(
        args(
          await post(
            '/account',
            { currentPassword: 'password-123', newPassword: 'qwertyuiop', confirmPassword: 'qwertyuiop' },
            { userId: w.reviewers[0]!.userId },
          ),
        ),
      ),
    )
    expect(change.status).toBe(400)
    expect(await change.json()).toMatchObject({ fieldErrors: { newPassword: 'errors.passwordCommon' } })
    const { issuePasswordLink } = await import('../../workflows/account/password-link.server')
    const token = await getDb()
      .transaction()
      .execute((trx) =>
        issuePasswordLink(trx, {
          userId: w.reviewers[1]!.userId,
          email: 'r@x.example',
          purpose: 'reset',
          now: new Date().toISOString(),
        }),
      )
    const viaLink = await respond(async () =>
      setPassword.action(
        args(await post(`/password/${token}`, { password: '1234567890', confirmPassword: '1234567890' }), { token }),
      ),
    )
    expect(viaLink.status).toBe(400)
    expect(await viaLink.json()).toMatchObject({ fieldErrors: { password: 'errors.passwordCommon' } })
    // The refused password used nothing up: the link still works for a good one.
    expect(
      (await respond(async () => setPassword.loader(args(await get(`/password/${token}`), { token })))).status,
    ).toBe(200)
  })

  it('names keyboard rows, sequences and repeats as such', () => {
    expect(weakPasswordReason('zxcvbnm,./', [])).toBe('errors.passwordPattern')
    expect(weakPasswordReason('abababababab', [])).toBe('errors.passwordPattern')
    expect(weakPasswordReason('lantern-orchid-quarry', [])).toBeNull()
  })
})
