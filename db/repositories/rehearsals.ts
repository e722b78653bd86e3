import type { Executor } from './types'

/** The register of rehearsals, on the award's own database (migration 0063). */
export function listRehearsals(db: Executor) {
  return db
    .selectFrom('rehearsals')
    .innerJoin('cycles', 'cycles.id', 'rehearsals.cycle_id')
    .innerJoin('users', 'users.id', 'rehearsals.created_by')
    .select([
      'rehearsals.id',
      'rehearsals.cycle_id',
      'rehearsals.created_at',
      'rehearsals.clock_offset_minutes',
      'rehearsals.version',
      'cycles.name_zh as cycle_name_zh',
      'cycles.name_en as cycle_name_en',
      'users.display_name as created_by_name',
    ])
    .where('rehearsals.deleted_at', 'is', null)
    .orderBy('rehearsals.id', 'desc')
    .execute()
}

/** A rehearsal that has not been removed (read on every request made in it). */
export function findLiveRehearsal(db: Executor, id: number) {
  return db
    .selectFrom('rehearsals')
    .select(['id', 'cycle_id', 'storage', 'clock_offset_minutes', 'version'])
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
}

export async function countLiveRehearsals(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('rehearsals')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function insertRehearsal(
  db: Executor,
  input: { cycleId: number; storage: string; createdBy: number; at: string },
): Promise<number> {
  const row = await db
    .insertInto('rehearsals')
    .values({ cycle_id: input.cycleId, storage: input.storage, created_by: input.createdBy, created_at: input.at })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Moves the clock if the rehearsal is still at the version the form showed; false otherwise. */
export async function setClockIfVersion(db: Executor, id: number, version: number, offsetMinutes: number) {
  const result = await db
    .updateTable('rehearsals')
    .set({ clock_offset_minutes: offsetMinutes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function markRehearsalDeleted(db: Executor, id: number, version: number, by: number, at: string) {
  const result = await db
    .updateTable('rehearsals')
    .set({ deleted_at: at, deleted_by: by, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}
