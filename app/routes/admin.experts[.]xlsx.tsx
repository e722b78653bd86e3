import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '#db/client.server'
import { getCurrentCycle } from '#db/repositories/cycles'
import { listExperts } from '#db/repositories/experts'
import { expertLoads } from '#db/repositories/review'
import { importColumns } from '#workflows/experts/import'
import { translator } from '~/i18n'
import { getTranslator } from '~/utils/i18n.server'
import { requireUser } from '~/utils/session.server'
import { toXlsx, xlsxResponse } from '~/utils/xlsx.server'

/**
 * The expert pool as an Excel workbook, in the import's own columns (Chinese headers, ties as
 * "关系|单位名称|结束日期"), so a list exported, corrected and imported again reads back the same; this year's load
 * and state at the end.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, 'admin')
  const db = getDb()
  // The import's columns are read in Chinese (or as codes), so the columns it reads back are written in Chinese.
  const zh = translator('zh')
  const t = await getTranslator(request)
  const cycle = await getCurrentCycle(db)
  const [experts, loads] = await Promise.all([
    listExperts(db),
    cycle ? expertLoads(db, cycle.id) : Promise.resolve(new Map<number, number>()),
  ])
  const header = [
    ...Object.values(importColumns).map((names) => names[0]),
    t('expert.state'),
    t('expert.load', { cap: cycle?.expert_load_cap ?? '—' }),
  ]
  const rows = experts.map((e) => [
    e.display_name,
    e.email,
    zh(`expert.kind.${e.kind}`),
    e.fields,
    e.industries.map((code) => zh(`industry.${code}` as 'industry.other')).join('、'),
    e.employer_name,
    e.employer_uscc ?? '',
    e.qualification,
    e.relations.map((r) => [zh(`expert.relation.${r.kind}`), r.name, r.endedOn ?? ''].join('|')).join('；'),
    e.active ? t('expert.activeState') : t('expert.inactiveState'),
    { count: loads.get(e.user_id) ?? 0 },
  ])
  return xlsxResponse(await toXlsx(t('expert.pool'), header, rows), 'experts.xlsx')
}
