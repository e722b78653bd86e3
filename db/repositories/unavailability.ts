import type { Executor } from './types'

/** The days from `from` on that the expert has said they cannot attend, in date order. */
export async function listUnavailableDays(db: Executor, expertUserId: number, from: string): Promise<string[]> {
  const rows = await db
    .selectFrom('expert_unavailable_days')
    .select('day')
    .where('expert_user_id', '=', expertUserId)
    .where('day', '>=', from)
    .orderBy('day')
    .execute()
  return rows.map((row) => row.day)
}

export async function addUnavailableDay(db: Executor, expertUserId: number, day: string): Promise<void> {
  await db
    .insertInto('expert_unavailable_days')
    .values({ expert_user_id: expertUserId, day })
    .onConflict((oc) => oc.doNothing())
    .execute()
}

export async function removeUnavailableDay(db: Executor, expertUserId: number, day: string): Promise<void> {
  await db
    .deleteFrom('expert_unavailable_days')
    .where('expert_user_id', '=', expertUserId)
    .where('day', '=', day)
    .execute()
}

/** The experts who cannot attend on this day. */
export async function unavailableOn(db: Executor, day: string): Promise<Set<number>> {
  const rows = await db.selectFrom('expert_unavailable_days').select('expert_user_id').where('day', '=', day).execute()
  return new Set(rows.map((row) => row.expert_user_id))
}
