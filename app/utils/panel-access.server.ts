import { getDb } from '#db/client.server'
import { getApplicationForSecretariat } from '#db/repositories/applications'
import { getCriteriaTree } from '#db/repositories/criteria'
import { getCycle } from '#db/repositories/cycles'
import { findPanelMember } from '#db/repositories/stages'
import type { PanelStage } from '#db/schema'
import { httpError } from './http.server'
import { requireUser } from './session.server'

/**
 * An expert's seat on a defence panel or a site-visit team, with the application and its criteria. Anyone not on
 * that panel or team finds nothing: the same 404 as an application that does not exist.
 */
export async function requirePanelSeat(request: Request, idParam: string | undefined, stage: PanelStage) {
  const { actor } = await requireUser(request, 'reviewer')
  const id = Number(idParam)
  const db = getDb()
  const seat = Number.isSafeInteger(id) ? await findPanelMember(db, stage, id, actor.userId) : undefined
  if (!seat) throw httpError(404, 'errors.notFound')
  const application = (await getApplicationForSecretariat(db, id))!
  const cycle = (await getCycle(db, application.cycle_id))!
  const tree = await getCriteriaTree(db, cycle.edition_id)
  return { db, actor, seat, application, tree }
}
