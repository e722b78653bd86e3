import type { LoaderFunctionArgs } from '@remix-run/node'
import { applicationPdf } from '~/pdf/application.server'
import { printedDownload } from '~/pdf/document.server'
import { requireOwnApplication } from '~/utils/application-access.server'
import { getLang } from '~/utils/i18n.server'

/** The applicant's own application as a PDF (申报书), a draft included and marked as one. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, application } = await requireOwnApplication(request, params.id)
  const lang = await getLang(request)
  return printedDownload(
    () => applicationPdf(db, application, lang),
    `${application.organisation_name}-${lang === 'zh' ? '申报书' : 'application'}`,
  )
}
