import type { LoaderFunctionArgs } from '@remix-run/node'
import { diskStore } from '#db/attachment-store.server'
import { getSocialLetter } from '#db/repositories/social'
import { requireApplicationForSecretariat } from '~/utils/application-access.server'
import { fileDownload } from '~/utils/file-download.server'
import { httpError } from '~/utils/http.server'

/**
 * A department's letter in the social evaluation (issue 22), for the staff only: the agency that entered it, the
 * secretariat, the committee and the supervisors. Never the applicant's to read.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, application } = await requireApplicationForSecretariat(request, params.id)
  const letter = await getSocialLetter(db, application.id, params.department ?? '')
  if (!letter?.letter_sha256) throw httpError(404, 'errors.notFound')
  const bytes = await diskStore.read(letter.letter_sha256)
  return fileDownload(bytes, letter.letter_content_type ?? 'application/pdf', letter.letter_filename ?? 'letter.pdf')
}
