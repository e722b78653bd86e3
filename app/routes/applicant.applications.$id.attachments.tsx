import { postedInteger } from '~/forms/form-data'
import fs from 'node:fs/promises'
import type { ActionFunctionArgs } from '@remix-run/node'
import { getDb } from '#db/client.server'
import { addAttachment, removeAttachment } from '#workflows/application/attachments.server'
import { requireOwnApplication } from '~/utils/application-access.server'
import { diskStore, incomingDir } from '#db/attachment-store.server'
import { fetcherAnswers } from '~/utils/fetcher-answer.server'
import { httpError } from '~/utils/http.server'
import { uploadRoute } from '~/upload-limits.mjs'
import { legalLetterKey } from '#workflows/application/legal-confirmation'
import { readForm, readUpload } from '~/utils/request.server'

/**
 * Evidence for the applicant's own application: upload (multipart) and removal (a plain form). Both return
 * to the eligibility step, where the list is shown.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const { db, actor, application } = await requireOwnApplication(request, params.id)
  let back = `/applicant/applications/${application.id}/edit/eligibility`
  // Sent by a fetcher (JavaScript on): answered in place, so nothing typed on the page is lost; a plain form post
  // (no JavaScript) goes back to the step, with what happened as its message.
  const answer = fetcherAnswers(request)
  try {
    if ((request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
      const upload = await readUpload(request, uploadRoute('evidence'), incomingDir())
      try {
        if (!upload.file || upload.file.size === 0)
          return await answer.refused(back, httpError(400, 'errors.fileMissing'))
        const key = upload.fields.get('declarationKey')
        // The signed letter is uploaded on the last step, beside the confirmation it goes with.
        if (key === legalLetterKey) back = `/applicant/applications/${application.id}/edit/summary`
        await addAttachment(getDb(), diskStore, {
          applicationId: application.id,
          actor,
          declarationKey: typeof key === 'string' && key !== '' ? key : null,
          filename: upload.file.filename,
          bytes: new Uint8Array(await fs.readFile(upload.file.path)),
        })
      } finally {
        await upload.discard()
      }
      return answer.done(back, 'flash.evidenceUploaded')
    }
    const form = await readForm(request)
    await removeAttachment(db, { attachmentId: postedInteger(form, 'attachmentId'), actor })
    return answer.done(back, 'flash.evidenceRemoved')
  } catch (error) {
    return answer.refused(back, error)
  }
}

export async function loader() {
  throw httpError(404, 'errors.notFound')
}
