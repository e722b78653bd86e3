import { requireApplicationForSecretariat } from '~/utils/application-access.server'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { applicationPdf } from '~/pdf/application.server'
import { printedDownload } from '~/pdf/document.server'
import { getLang } from '~/utils/i18n.server'

/** Any application as a PDF for the secretariat's files and the committee's papers. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, application } = await requireApplicationForSecretariat(request, params.id)
  const lang = await getLang(request)
  return printedDownload(
    () => applicationPdf(db, application, lang),
    `${application.organisation_name}-${lang === 'zh' ? '申报书' : 'application'}`,
  )
}
