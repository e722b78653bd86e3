import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '#db/client.server'
import { getApplicationForSecretariat } from '#db/repositories/applications'
import { applicationPdf } from '~/pdf/application.server'
import { printedDownload } from '~/pdf/document.server'
import { httpError } from '~/utils/http.server'
import { getLang } from '~/utils/i18n.server'
import { requireUser } from '~/utils/session.server'

/** Any application as a PDF for the secretariat's files and the committee's papers. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, 'admin')
  const db = getDb()
  const id = Number(params.id)
  const application = Number.isSafeInteger(id) ? await getApplicationForSecretariat(db, id) : undefined
  if (!application) throw httpError(404, 'errors.notFound')
  const lang = await getLang(request)
  return printedDownload(
    () => applicationPdf(db, application, lang),
    `${application.organisation_name}-${lang === 'zh' ? '申报书' : 'application'}`,
  )
}
