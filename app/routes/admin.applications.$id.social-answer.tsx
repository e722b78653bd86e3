import fs from 'node:fs/promises'
import type { ActionFunctionArgs } from '@remix-run/node'
import { diskStore, incomingDir } from '#db/attachment-store.server'
import { recordSocialAnswer } from '#workflows/social/social-evaluation.server'
import { requireApplicationForSecretariat } from '~/utils/application-access.server'
import { fetcherAnswers } from '~/utils/fetcher-answer.server'
import { httpError } from '~/utils/http.server'
import { uploadRoute } from '~/upload-limits.mjs'
import { readUpload } from '~/utils/request.server'

/**
 * 社会评价 (issue 22): the review agency enters a department's answer with the department's letter attached
 * (multipart). Sent by a fetcher, it answers in place and the page reloads its data; a plain post (no JavaScript)
 * is sent back to the application's social-evaluation panel.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const { db, actor, application } = await requireApplicationForSecretariat(request, params.id)
  const back = `/admin/applications/${application.id}#social`
  const answer = fetcherAnswers(request)
  try {
    const upload = await readUpload(request, uploadRoute('socialLetter'), incomingDir())
    try {
      const field = (name: string) => {
        const value = upload.fields.get(name)
        return typeof value === 'string' ? value : ''
      }
      await recordSocialAnswer(
        db,
        {
          actor,
          applicationId: application.id,
          department: field('department'),
          answer: field('answer'),
          note: field('note'),
          letterRef: field('letterRef'),
          letter:
            upload.file && upload.file.size > 0
              ? { filename: upload.file.filename, bytes: new Uint8Array(await fs.readFile(upload.file.path)) }
              : null,
        },
        diskStore,
      )
    } finally {
      await upload.discard()
    }
    return answer.done(back, 'social.recorded')
  } catch (error) {
    return answer.refused(back, error)
  }
}

export async function loader() {
  throw httpError(404, 'errors.notFound')
}
