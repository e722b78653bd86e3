import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '#db/client.server'
import { WorkflowError } from '#workflows/errors'
import { openPresentation } from '#workflows/stages/presentation.server'
import { diskStore } from '#db/attachment-store.server'
import { fileDownload } from '~/utils/file-download.server'
import { httpError } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'

/** An application's defence presentation, for its applicant, the secretariat and the panel, as a download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireUser(request)
  const id = Number(params.id)
  if (!Number.isSafeInteger(id)) throw httpError(404, 'errors.notFound')
  try {
    const { filename, bytes } = await openPresentation(getDb(), diskStore, { applicationId: id, actor })
    return fileDownload(bytes, 'application/pdf', filename)
  } catch (error) {
    if (error instanceof WorkflowError) throw httpError(error.status, error.messageKey as 'errors.notFound')
    throw error
  }
}
