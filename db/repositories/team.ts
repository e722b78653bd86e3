import type { MemberRole } from '../schema'
import type { Executor } from './types'
import { hasPassword } from './users'

/**
 * An organisation's accounts with their place in its team (the removed ones too: their edits stay attributed), and
 * whether each invited colleague has set a password yet.
 */
export async function listTeam(db: Executor, organisationId: number) {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'member_role', 'created_at', 'password_hash'])
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'applicant')
    .orderBy('id')
    .execute()
  return rows.map(({ password_hash, ...member }) => ({ ...member, invitationPending: !hasPassword(password_hash) }))
}

export function getTeamMember(db: Executor, organisationId: number, userId: number) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'member_role'])
    .where('id', '=', userId)
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'applicant')
    .executeTakeFirst()
}

export async function setMemberRole(db: Executor, userId: number, role: MemberRole): Promise<void> {
  await db.updateTable('users').set({ member_role: role }).where('id', '=', userId).execute()
}

export async function recordDraftEdit(
  db: Executor,
  edit: { applicationId: number; userId: number; step: string; at: string },
): Promise<void> {
  await db
    .insertInto('draft_edits')
    .values({ application_id: edit.applicationId, user_id: edit.userId, step: edit.step, at: edit.at })
    .execute()
}

/** The latest saves of an application's draft, newest first, with who made each. */
export function listDraftEdits(db: Executor, applicationId: number, limit = 20) {
  return db
    .selectFrom('draft_edits')
    .innerJoin('users', 'users.id', 'draft_edits.user_id')
    .select(['draft_edits.id', 'draft_edits.step', 'draft_edits.at', 'users.display_name as editor_name'])
    .where('draft_edits.application_id', '=', applicationId)
    .orderBy('draft_edits.id', 'desc')
    .limit(limit)
    .execute()
}
