import type { DB } from '#db/client.server'
import { getStaffUser, recordOfficeChange } from '#db/repositories/staff'
import { createUser, findUserByEmail, officesOfUsers, setOffices } from '#db/repositories/users'
import { nowIso } from '#db/repositories/types'
import type { Actor } from '../application/application.policy'
import { fieldRefusal, forbidden, notFound, WorkflowError } from '../errors'
import { noPasswordYet } from '../experts/pool.server'
import { incompatibleOffices, mayAct, type Office } from './duties'
import { issuePasswordLink } from './password-link.server'

/** A set of offices a staff account may be given: at least one, and none the rules keep apart. */
function checkOffices(offices: readonly Office[]): void {
  if (offices.length === 0) throw fieldRefusal('offices', 400, 'staff.officesRequired')
  const clash = incompatibleOffices(offices)
  if (clash)
    throw fieldRefusal('offices', 400, clash[0] === 'supervisor' ? 'staff.supervisorAlone' : 'staff.agencyNotCommittee')
}

/**
 * Invites a member of staff, a committee member or a supervisor (issue 22), as experts are invited: the account is
 * made without a password, and an e-mail with a link to set one goes out in the same transaction.
 */
export async function inviteStaff(
  db: DB,
  input: { actor: Actor; name: string; email: string; offices: readonly Office[]; now?: string },
): Promise<number> {
  if (!mayAct(input.actor, 'manageStaff')) throw forbidden()
  checkOffices(input.offices)
  const now = input.now ?? nowIso()
  return db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, input.email)) throw fieldRefusal('email', 409, 'auth.emailTaken')
    const userId = await createUser(trx, {
      email: input.email,
      passwordHash: noPasswordYet,
      role: 'admin',
      displayName: input.name,
      organisationId: null,
    })
    await setOffices(trx, userId, input.offices)
    await issuePasswordLink(trx, { userId, email: input.email.toLowerCase(), purpose: 'invitation', now })
    await recordOfficeChange(trx, {
      userId,
      actorUserId: input.actor.userId,
      at: now,
      event: 'invited',
      before: [],
      after: input.offices,
    })
    return userId
  })
}

/**
 * Gives a staff account other offices, on the record. Nobody changes their own (the secretariat could otherwise
 * lock every account out of managing staff, or a member widen their own duties).
 */
export async function setStaffOffices(
  db: DB,
  input: { actor: Actor; userId: number; offices: readonly Office[]; now?: string },
): Promise<void> {
  if (!mayAct(input.actor, 'manageStaff')) throw forbidden()
  if (input.userId === input.actor.userId) throw new WorkflowError(409, 'staff.notOwnOffices')
  checkOffices(input.offices)
  const now = input.now ?? nowIso()
  await db.transaction().execute(async (trx) => {
    if (!(await getStaffUser(trx, input.userId))) throw notFound()
    const before = (await officesOfUsers(trx, [input.userId])).get(input.userId) ?? []
    if (before.join() === input.offices.join()) return
    await setOffices(trx, input.userId, input.offices)
    await recordOfficeChange(trx, {
      userId: input.userId,
      actorUserId: input.actor.userId,
      at: now,
      event: 'officesChanged',
      before,
      after: input.offices,
    })
  })
}
