import type { Executor } from './types'

/** Drafts (never submitted) of cycles still open for submissions, with their deadline and the kinds already claimed. */
export async function listDraftsBeforeDeadline(db: Executor, now: string) {
  const rows = await db
    .selectFrom('applications')
    .innerJoin('cycles', 'cycles.id', 'applications.cycle_id')
    .innerJoin('organisations', 'organisations.id', 'applications.organisation_id')
    .leftJoin('draft_reminders', 'draft_reminders.application_id', 'applications.id')
    .select(['applications.id', 'cycles.submission_deadline', 'organisations.email', 'draft_reminders.kind'])
    .where('applications.status', '=', 'draft')
    .where('cycles.submission_deadline', '>', now)
    .execute()
  const drafts = new Map<number, { id: number; deadline: string; email: string; claimed: Set<string> }>()
  for (const row of rows) {
    const draft = drafts.get(row.id) ?? {
      id: row.id,
      deadline: row.submission_deadline,
      email: row.email,
      claimed: new Set<string>(),
    }
    if (row.kind) draft.claimed.add(row.kind)
    drafts.set(row.id, draft)
  }
  return [...drafts.values()]
}

/** Claims a reminder; false when it was already claimed (by this run, an earlier one, or another process). */
export async function claimDraftReminder(
  db: Executor,
  applicationId: number,
  kind: 'weekBefore' | 'dayBefore',
  at: string,
): Promise<boolean> {
  const result = await db
    .insertInto('draft_reminders')
    .values({ application_id: applicationId, kind, claimed_at: at })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst()
  return result.numInsertedOrUpdatedRows === 1n
}
