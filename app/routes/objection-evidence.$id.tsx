import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '#db/client.server'
import { WorkflowError } from '#workflows/errors'
import { openObjectionEvidence } from '#workflows/objection/objection.server'
import { diskStore } from '#db/attachment-store.server'
import { fileDownload } from '~/utils/file-download.server'
import { httpError } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'

/** Downloads an evidence file filed with an objection: the secretariat's only, always as a download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireUser(request, 'admin')
  const id = Number(params.id)
  if (!Number.isSafeInteger(id)) throw httpError(404, 'errors.notFound')
  try {
    const { file, bytes } = await openObjectionEvidence(getDb(), diskStore, { evidenceId: id, actor })
    return fileDownload(bytes, file.content_type, file.filename)
  } catch (error) {
    if (error instanceof WorkflowError) throw httpError(error.status, error.messageKey as 'errors.notFound')
    throw error
  }
}
