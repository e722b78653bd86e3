import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '#db/client.server'
import { openAttachment } from '#workflows/application/attachments.server'
import { WorkflowError } from '#workflows/errors'
import { diskStore } from '#db/attachment-store.server'
import { fileDownload } from '~/utils/file-download.server'
import { httpError } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'

/** Downloads a piece of evidence for anyone who may read its application, always as a download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireUser(request)
  const id = Number(params.id)
  if (!Number.isSafeInteger(id)) throw httpError(404, 'errors.notFound')
  try {
    const { attachment, bytes } = await openAttachment(getDb(), diskStore, { attachmentId: id, actor })
    return fileDownload(bytes, attachment.content_type, attachment.filename)
  } catch (error) {
    if (error instanceof WorkflowError) throw httpError(error.status, error.messageKey as 'errors.notFound')
    throw error
  }
}
