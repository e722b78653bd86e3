import type { DB } from '#db/client.server'
import { deleteOtherSessions } from '#db/repositories/sessions'
import { getPasswordHash, setPasswordHash } from '#db/repositories/users'
import { hashPassword, verifyPassword } from '#workflows/account/password-hash.server'
import { WorkflowError } from '../errors'

/**
 * Changes a user's password after checking the current one, and ends the user's other sessions: whoever
 * knew the old password is logged out everywhere but here.
 */
export async function changePassword(
  db: DB,
  input: { userId: number; currentPassword: string; newPassword: string; keepSessionId: string | null },
): Promise<void> {
  const row = await getPasswordHash(db, input.userId)
  if (!row || !(await verifyPassword(row.password_hash, input.currentPassword)))
    throw new WorkflowError(400, 'account.wrongPassword')
  const passwordHash = await hashPassword(input.newPassword)
  await db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, input.userId, passwordHash)
    await deleteOtherSessions(trx, input.userId, input.keepSessionId)
  })
}
