import { applicationNumber } from '#workflows/application/application-number'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '#db/client.server'
import { listDeskExport } from '#db/repositories/applications'
import { listAwardLevels, listCycleCategories } from '#db/repositories/cycles'
import { localName } from '~/i18n'
import { requireRequestedCycle } from '~/utils/current-cycle.server'
import { deskFilterOf } from '~/utils/desk-filter.server'
import { getLang, getTranslator } from '~/utils/i18n.server'
import type { ExportCell } from '~/utils/ranking-export.server'
import { requireUser } from '~/utils/session.server'
import { toXlsx, xlsxResponse } from '~/utils/xlsx.server'
import { formatDateTime } from '~/utils/format'

/** The desk's list with its filters as an Excel workbook: every matching application, not just the page shown. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, 'admin')
  const db = getDb()
  const cycle = await requireRequestedCycle(request)
  const [lang, t, categories, levels] = await Promise.all([
    getLang(request),
    getTranslator(request),
    listCycleCategories(db, cycle.id),
    listAwardLevels(db, cycle.id),
  ])
  const filter = deskFilterOf(
    new URL(request.url).searchParams,
    categories.map((c) => c.code),
  )
  const rows = await listDeskExport(db, cycle.id, { ...filter, search: filter.search || undefined })
  const categoryName = new Map(categories.map((c) => [c.code, localName(c, lang)]))
  const levelName = new Map(levels.map((l) => [l.id, localName(l, lang)]))
  const header = [
    t('application.number'),
    t('application.organisation'),
    t('auth.uscc'),
    t('applicant.category'),
    t('admin.awardTypeColumn'),
    t('applicant.status'),
    t('admin.submittedColumn'),
    t('admin.scoreColumnPlain'),
    t('admin.sheets'),
    t('admin.decision'),
  ]
  const table: ExportCell[][] = rows.map((r) => [
    applicationNumber(cycle.year, r.id),
    r.organisation_name,
    r.uscc,
    r.category_code ? (categoryName.get(r.category_code) ?? r.category_code) : '',
    r.award_type ? t(`awardType.${r.award_type}` as 'awardType.organisation') : '',
    t(`status.${r.status}` as 'status.draft'),
    r.submitted_at ? formatDateTime(r.submitted_at, lang) : '',
    r.score === null ? '' : { points: r.score },
    { count: r.sheets ?? 0 },
    r.decision_level_id === null ? '' : (levelName.get(r.decision_level_id) ?? ''),
  ])
  return xlsxResponse(await toXlsx(t('admin.listSheet'), header, table), `applications-${cycle.year}.xlsx`)
}
