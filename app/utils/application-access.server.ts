import { getDb } from '#db/client.server'
import { getApplicationForSecretariat, getApplicationOfOrganisation } from '#db/repositories/applications'
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

/**
 * The application a secretariat page or download is about (`/admin/applications/:id…`): the secretariat only
 * (a reviewer or an applicant gets 403), and 404 for an id that names no application.
 */
export async function requireApplicationForSecretariat(request: Request, idParam: string | undefined) {
  const { actor } = await requireUser(request, 'admin')
  const id = Number(idParam)
  const db = getDb()
  const application = Number.isSafeInteger(id) ? await getApplicationForSecretariat(db, id) : undefined
  if (!application) throw httpError(404, 'errors.notFound')
  return { db, actor, application }
}
