import { getDb } from '#db/client.server'
import { getApplicationOfOrganisation } from '#db/repositories/applications'
import { httpError } from './http.server'
import { requireUser } from './session.server'

/**
 * The logged-in applicant's own application, read through the organisation filter: another organisation's
 * id answers 404, exactly as an id that does not exist.
 */
export async function requireOwnApplication(request: Request, idParam: string | undefined) {
  const { actor } = await requireUser(request, 'applicant')
  const id = Number(idParam)
  const db = getDb()
  const application = Number.isSafeInteger(id)
    ? await getApplicationOfOrganisation(db, id, actor.organisationId!)
    : undefined
  if (!application) throw httpError(404, 'errors.notFound')
  return { db, actor, application }
}
