import fs from 'node:fs/promises'
import type { ActionFunctionArgs } from '@remix-run/node'
import { getDb } from '#db/client.server'
import { uploadPresentation } from '#workflows/stages/presentation.server'
import { requireOwnApplication } from '~/utils/application-access.server'
import { diskStore, incomingDir } from '#db/attachment-store.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { httpError, inPanel, workflowFailure } from '~/utils/http.server'
import { uploadRoute } from '~/upload-limits.mjs'
import { readUpload } from '~/utils/request.server'

/** The applicant's defence presentation (multipart, one PDF); back to its application page. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, application } = await requireOwnApplication(request, params.id)
  try {
    const upload = await readUpload(request, uploadRoute('presentation'), incomingDir())
    try {
      if (!upload.file || upload.file.size === 0) return inPanel(httpError(400, 'errors.required'), 'presentation')
      await uploadPresentation(getDb(), diskStore, {
        applicationId: application.id,
        actor,
        filename: upload.file.filename,
        bytes: new Uint8Array(await fs.readFile(upload.file.path)),
      })
    } finally {
      await upload.discard()
    }
    return redirectWithFlash(request, `/applicant/applications/${application.id}#defence`, 'flash.presentationUploaded')
  } catch (error) {
    return inPanel(workflowFailure(error), 'presentation')
  }
}

export async function loader() {
  throw httpError(404, 'errors.notFound')
}
