import type { DB } from '#db/client.server'
import { appendActOnApplication } from '#db/repositories/audit'
import { updateApplicationIfVersion } from '#db/repositories/applications'
import { latestLegalLetter, putLegalConfirmation } from '#db/repositories/legal-confirmations'
import { nowIso } from '#db/repositories/types'
import { readDraftProfile } from './application-draft.schema'
import { fieldRefusal, staleVersion } from '../errors'
import type { Actor } from './application.policy'
import { expectedRowVersion, loadOwnApplicationToEdit, refusedIn } from './application.server'
import { restoreSnapshot } from './application.snapshot'
import { isSameName } from './legal-confirmation'

/**
 * The organisation's legal representative confirms the application as it stands (issue 22): typed as the profile
 * names them, the undertaking ticked, the signed letter uploaded. Given by an account that may edit the application
 * (the owner or an editor), on the record with who gave it; a change of the application's state like any other:
 * its version moves, and the confirmation holds for that version only.
 */
export async function confirmAsLegalRepresentative(
  db: DB,
  input: {
    applicationId: number
    actor: Actor
    expectedVersion: number
    representative: string
    undertaking: boolean
    now?: string
  },
): Promise<number> {
  const now = input.now ?? nowIso()
  return db.transaction().execute(async (trx) => {
    const row = await loadOwnApplicationToEdit(trx, input.actor, input.applicationId)
    const expectedVersion = await expectedRowVersion(trx, input.actor, row, input.expectedVersion)
    if (row.version !== expectedVersion) throw staleVersion()
    if (!restoreSnapshot(row.snapshot).can({ type: 'EDIT' })) throw refusedIn(input.actor, 'CONFIRM', row)
    const named = readDraftProfile(row.profile).legalRepresentative?.trim() ?? ''
    if (named === '') throw fieldRefusal('representative', 400, 'legal.profileFirst')
    const representative = input.representative.trim()
    if (representative === '') throw fieldRefusal('representative', 400, 'errors.required')
    if (!isSameName(representative, named)) throw fieldRefusal('representative', 400, 'legal.nameMismatch')
    if (!input.undertaking) throw fieldRefusal('undertaking', 400, 'legal.undertakingRequired')
    const letter = await latestLegalLetter(trx, row.id)
    if (!letter) throw fieldRefusal('letter', 400, 'legal.letterMissing')
    if (!(await updateApplicationIfVersion(trx, row.id, expectedVersion, { updated_at: now }))) throw staleVersion()
    await putLegalConfirmation(trx, {
      applicationId: row.id,
      representative: named,
      letterAttachmentId: letter.id,
      confirmedVersion: expectedVersion + 1,
      confirmedBy: input.actor.userId,
      at: now,
    })
    await appendActOnApplication(trx, {
      applicationId: row.id,
      status: row.status,
      actorUserId: input.actor.userId,
      event: 'LEGAL_CONFIRMATION',
      reason: `${named} · ${letter.filename}`,
      at: now,
    })
    return input.expectedVersion + 1
  })
}
