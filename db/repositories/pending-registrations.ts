import type { PendingRegistrationTable } from '../schema'
import type { Executor } from './types'

export type NewPendingRegistration = Omit<PendingRegistrationTable, 'used_at'>

export async function insertPendingRegistration(db: Executor, row: NewPendingRegistration): Promise<void> {
  await db
    .insertInto('pending_registrations')
    .values({ ...row, used_at: null })
    .execute()
}

export function findPendingRegistration(db: Executor, hash: string) {
  return db.selectFrom('pending_registrations').selectAll().where('token_hash', '=', hash).executeTakeFirst()
}

/** Marks a registration confirmed, only if it still was not: two clicks on one link create one account. */
export async function usePendingRegistration(db: Executor, hash: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('pending_registrations')
    .set({ used_at: at })
    .where('token_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

/** A new registration for an address replaces its earlier unconfirmed ones: only the latest link works. */
export async function retirePendingRegistrations(db: Executor, email: string, at: string): Promise<void> {
  await db
    .updateTable('pending_registrations')
    .set({ used_at: at })
    .where('email', '=', email)
    .where('used_at', 'is', null)
    .execute()
}
