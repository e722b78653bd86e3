import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '#db/client.server'
import { listAuditForExport } from '#db/repositories/audit'
import { mayAct, type Office } from '#workflows/account/duties'
import { toCsv } from '~/utils/csv.server'
import { httpError } from '~/utils/http.server'
import { getTranslator } from '~/utils/i18n.server'
import { requireUser } from '~/utils/session.server'
import { isMessageKey } from '~/i18n'
import { downloadName } from '~/utils/rehearsal-scope.server'

/**
 * The audit log as a spreadsheet, for the supervisors and the secretariat (issue 22): every change of state of every
 * application, sheet, assignment, expert and cycle, with who made it and the offices they held when they did.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireUser(request, 'admin')
  if (!mayAct(actor, 'exportAudit')) throw httpError(403, 'errors.forbidden')
  const t = await getTranslator(request)
  const rows = await listAuditForExport(getDb())
  const offices = (list: string | null) =>
    (list ?? '')
      .split(',')
      .filter(Boolean)
      .map((office) => (isMessageKey(`office.${office}`) ? t(`office.${office as Office}`) : office))
      .join('、')
  const header = [
    t('auditExport.id'),
    t('auditExport.at'),
    t('auditExport.entity'),
    t('auditExport.entityId'),
    t('auditExport.event'),
    t('auditExport.from'),
    t('auditExport.to'),
    t('auditExport.reason'),
    t('auditExport.actor'),
    t('auditExport.email'),
    t('auditExport.role'),
  ]
  const csv = toCsv([
    header,
    ...rows.map((row) => [
      String(row.id),
      row.at,
      row.entity,
      String(row.entity_id),
      row.event,
      row.from_state ?? '',
      row.to_state,
      row.reason ?? '',
      row.actor_name ?? '',
      row.actor_email ?? '',
      row.actor_offices ? offices(row.actor_offices) : row.actor_role ? t(`role.${row.actor_role}`) : '',
    ]),
  ])
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${downloadName('audit-log.csv')}"`,
      'Cache-Control': 'no-store',
    },
  })
}
