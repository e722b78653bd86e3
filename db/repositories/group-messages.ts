import type { Audience, AudienceRecord, GroupRecipient } from '../../workflows/notifications/group-message'
import { applicationNumber } from '../../workflows/application/application-number'
import type { Executor } from './types'

/** Assignments that still count an expert as one of the cycle's (not declined, recused or removed). */
const workingAssignment = ['invited', 'accepted', 'inProgress', 'submitted'] as const

/** Everyone a group message to this audience reaches in the cycle, with what fills each one's placeholders. */
export async function groupRecipients(
  db: Executor,
  cycle: { id: number; year: number },
  audience: Audience,
): Promise<GroupRecipient[]> {
  if (audience.to === 'applicants') {
    let query = db
      .selectFrom('applications')
      .innerJoin('organisations', 'organisations.id', 'applications.organisation_id')
      .innerJoin('users', 'users.organisation_id', 'organisations.id')
      .select(['users.email', 'users.display_name', 'organisations.name', 'applications.id'])
      .where('applications.cycle_id', '=', cycle.id)
      .where('users.role', '=', 'applicant')
    if (audience.category) query = query.where('applications.category_code', '=', audience.category)
    if (audience.status) query = query.where('applications.status', '=', audience.status)
    const rows = await query.orderBy('applications.id').orderBy('users.id').execute()
    return rows.map((row) => aboutApplication(row, cycle.year))
  }
  if (audience.to === 'experts') {
    const reviewers = db
      .selectFrom('assignments')
      .innerJoin('applications', 'applications.id', 'assignments.application_id')
      .select('assignments.reviewer_id as user_id')
      .where('applications.cycle_id', '=', cycle.id)
      .where('assignments.status', 'in', workingAssignment)
    const seated = db
      .selectFrom('panel_members')
      .innerJoin('applications', 'applications.id', 'panel_members.application_id')
      .select('panel_members.expert_user_id as user_id')
      .where('applications.cycle_id', '=', cycle.id)
      .where('panel_members.recused_at', 'is', null)
    const rows = await db
      .selectFrom('users')
      .select(['users.email', 'users.display_name'])
      .where('users.id', 'in', reviewers.union(seated))
      .orderBy('users.id')
      .execute()
    return rows.map((r) => ({
      email: r.email,
      name: r.display_name,
      organisation: null,
      applicationId: null,
      applicationNumber: null,
    }))
  }
  const rows = await db
    .selectFrom('panel_members')
    .innerJoin('applications', 'applications.id', 'panel_members.application_id')
    .innerJoin('organisations', 'organisations.id', 'applications.organisation_id')
    .innerJoin('users', 'users.id', 'panel_members.expert_user_id')
    .select(['users.email', 'users.display_name', 'organisations.name', 'applications.id'])
    .where('applications.cycle_id', '=', cycle.id)
    .where('panel_members.application_id', '=', audience.applicationId)
    .where('panel_members.stage', '=', audience.to === 'panel' ? 'defence' : 'siteVisit')
    .where('panel_members.recused_at', 'is', null)
    .orderBy('panel_members.id')
    .execute()
  return rows.map((row) => aboutApplication(row, cycle.year))
}

/** A recipient whose message is about an application: the applicant's account, or an expert on its panel. */
function aboutApplication(
  row: { email: string; display_name: string; name: string; id: number },
  year: number,
): GroupRecipient {
  return {
    email: row.email,
    name: row.display_name,
    organisation: row.name,
    applicationId: row.id,
    applicationNumber: applicationNumber(year, row.id),
  }
}

export async function insertGroupMessage(
  db: Executor,
  message: {
    cycleId: number
    audience: AudienceRecord
    subject: string
    body: string
    recipients: number
    sentBy: number
    at: string
  },
): Promise<number> {
  const row = await db
    .insertInto('group_messages')
    .values({
      cycle_id: message.cycleId,
      audience: JSON.stringify(message.audience),
      subject: message.subject,
      body: message.body,
      recipients: message.recipients,
      sent_by: message.sentBy,
      sent_at: message.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** The cycle's group messages, newest first, with who sent each. */
export function listGroupMessages(db: Executor, cycleId: number, limit = 50) {
  return db
    .selectFrom('group_messages')
    .innerJoin('users', 'users.id', 'group_messages.sent_by')
    .select([
      'group_messages.id',
      'group_messages.audience',
      'group_messages.subject',
      'group_messages.body',
      'group_messages.recipients',
      'group_messages.sent_at',
      'users.display_name as sent_by',
    ])
    .where('group_messages.cycle_id', '=', cycleId)
    .orderBy('group_messages.id', 'desc')
    .limit(limit)
    .execute()
}

/** The applications of the cycle that have a defence panel or site-visit team seated, for choosing one. */
export function applicationsWithPanels(db: Executor, cycleId: number) {
  return db
    .selectFrom('panel_members')
    .innerJoin('applications', 'applications.id', 'panel_members.application_id')
    .innerJoin('organisations', 'organisations.id', 'applications.organisation_id')
    .select(['applications.id', 'organisations.name', 'panel_members.stage'])
    .distinct()
    .where('applications.cycle_id', '=', cycleId)
    .where('panel_members.recused_at', 'is', null)
    .orderBy('applications.id')
    .execute()
}
