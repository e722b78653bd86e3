import type { LoaderFunctionArgs } from '@remix-run/node'
import { printedDownload } from '~/pdf/document.server'
import { feedbackPdf } from '~/pdf/feedback.server'
import { requireOwnApplication } from '~/utils/application-access.server'
import { httpError } from '~/utils/http.server'
import { getLang } from '~/utils/i18n.server'

/** The feedback report as a PDF: like the report on the page, only once the cycle's results are published. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, application } = await requireOwnApplication(request, params.id)
  if (application.status !== 'published') throw httpError(404, 'errors.notFound')
  const lang = await getLang(request)
  return printedDownload(
    () => feedbackPdf(db, application, lang),
    `${application.organisation_name}-${lang === 'zh' ? '反馈报告' : 'feedback'}`,
  )
}
