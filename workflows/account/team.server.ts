import type { DB } from '#db/client.server'
import { deleteOtherSessions } from '#db/repositories/sessions'
import { getTeamMember, setMemberRole } from '#db/repositories/team'
import { nowIso } from '#db/repositories/types'
import { createUser, findUserByEmail } from '#db/repositories/users'
import { type Actor, isOrganisationOwner } from '../application/application.policy'
import { fieldRefusal, forbidden, notFound, WorkflowError } from '../errors'
import { noPasswordYet } from '../experts/pool.server'
import { issuePasswordLink } from './password-link.server'

import { colleagueRoles, type ColleagueRole } from './team'

/** The organisation's owner, acting for its team: the account the organisation registered with (or made owner). */
function ownerOrganisation(actor: Actor): number {
  if (!isOrganisationOwner(actor) || actor.organisationId === null) throw forbidden()
  return actor.organisationId
}

function roleOf(value: string): ColleagueRole {
  if (!(colleagueRoles as readonly string[]).includes(value)) throw fieldRefusal('role', 400, 'errors.choose')
  return value as ColleagueRole
}

/**
 * The owner invites a colleague (issue 22) as the secretariat invites experts: an account of the organisation
 * without a password, and an e-mail with a link to set one, in one transaction.
 */
export async function inviteColleague(
  db: DB,
  input: { actor: Actor; name: string; email: string; role: string; now?: string },
): Promise<number> {
  const organisationId = ownerOrganisation(input.actor)
  const role = roleOf(input.role)
  const now = input.now ?? nowIso()
  return db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, input.email)) throw fieldRefusal('email', 409, 'auth.emailTaken')
    const userId = await createUser(trx, {
      email: input.email.toLowerCase(),
      passwordHash: noPasswordYet,
      role: 'applicant',
      displayName: input.name,
      organisationId,
      memberRole: role,
    })
    await issuePasswordLink(trx, { userId, email: input.email.toLowerCase(), purpose: 'invitation', now })
    return userId
  })
}

/** The owner makes a colleague an editor or a viewer (or gives a removed colleague access again). */
export async function setColleagueRole(db: DB, input: { actor: Actor; userId: number; role: string }): Promise<void> {
  const organisationId = ownerOrganisation(input.actor)
  const role = roleOf(input.role)
  if (input.userId === input.actor.userId) throw new WorkflowError(409, 'team.notYourself')
  await db.transaction().execute(async (trx) => {
    const member = await getTeamMember(trx, organisationId, input.userId)
    if (!member || member.member_role === 'owner') throw notFound()
    await setMemberRole(trx, member.id, role)
  })
}

/**
 * The owner removes a colleague: their access ends at once (every session of theirs is closed in the same
 * transaction); their account stays, so what they did stays attributed to them.
 */
export async function removeColleague(db: DB, input: { actor: Actor; userId: number }): Promise<void> {
  const organisationId = ownerOrganisation(input.actor)
  if (input.userId === input.actor.userId) throw new WorkflowError(409, 'team.notYourself')
  await db.transaction().execute(async (trx) => {
    const member = await getTeamMember(trx, organisationId, input.userId)
    if (!member || member.member_role === 'owner') throw notFound()
    await setMemberRole(trx, member.id, 'removed')
    await deleteOtherSessions(trx, member.id, null)
  })
}
