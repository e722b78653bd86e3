import type { DB } from '#db/client.server'
import { insertArchive } from '#db/repositories/archive'
import { appendAudit } from '#db/repositories/audit'
import { getCycle } from '#db/repositories/cycles'
import { type Executor, nowIso } from '#db/repositories/types'
import { currentRehearsal } from '#db/scope'
import { mayAct } from '../account/duties'
import type { Actor } from '../application/application.policy'
import { forbidden, notFound, WorkflowError } from '../errors'

/** May the actor build this cycle's archive now: the secretariat, once the results are published. */
export async function checkArchivable(db: Executor, actor: Actor, cycleId: number) {
  if (!mayAct(actor, 'keepArchive')) throw forbidden()
  // The archive is the cycle's record on disk, in the award's folder: a rehearsal never writes one.
  if (currentRehearsal()) throw new WorkflowError(409, 'rehearsal.noArchive')
  const cycle = await getCycle(db, cycleId)
  if (!cycle) throw notFound()
  if (cycle.results_published_at === null) throw new WorkflowError(409, 'archive.notPublished')
  return cycle
}

/**
 * Records an archive written to disk (app/utils/archive.server.ts) and makes the cycle read-only (issue 22): from
 * the first archive on, nothing of the cycle changes (its settings were already fixed at publication; the
 * applications' threads and the experts' ratings of the cycle close now), so the archive stays the cycle's record.
 */
export async function recordArchive(
  db: DB,
  input: {
    actor: Actor
    cycleId: number
    folder: string
    manifestSha256: string
    files: number
    bytes: number
    now?: string
  },
): Promise<number> {
  const now = input.now ?? nowIso()
  return db.transaction().execute(async (trx) => {
    const cycle = await checkArchivable(trx, input.actor, input.cycleId)
    const id = await insertArchive(trx, {
      cycleId: cycle.id,
      builtAt: now,
      builtBy: input.actor.userId,
      folder: input.folder,
      manifestSha256: input.manifestSha256,
      files: input.files,
      bytes: input.bytes,
    })
    await trx
      .updateTable('cycles')
      .set({ archived_at: cycle.archived_at ?? now })
      .where('id', '=', cycle.id)
      .execute()
    await appendAudit(trx, {
      entity: 'cycle',
      entityId: cycle.id,
      actorUserId: input.actor.userId,
      at: now,
      fromState: cycle.archived_at ? 'archived' : 'published',
      toState: 'archived',
      event: 'ARCHIVE',
      reason: `${input.files} files, manifest ${input.manifestSha256}`,
    })
    return id
  })
}

/** Refuses a change to a record of an archived cycle. */
export async function assertNotArchived(db: Executor, cycleId: number): Promise<void> {
  const cycle = await getCycle(db, cycleId)
  if (cycle?.archived_at) throw new WorkflowError(409, 'archive.readOnly')
}
