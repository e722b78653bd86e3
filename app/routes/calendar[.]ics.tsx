import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '#db/client.server'
import { getCurrentCycle } from '#db/repositories/cycles'
import { listPanelSeatsOfExpert, listStageSlots } from '#db/repositories/stages'
import { slotsOfSeats, type StageEvent, type StageSlotRow, stageEvents } from '#workflows/stages/stage-calendar'
import { env } from '~/utils/env.server'
import { icsOf } from '~/utils/ics.server'
import { getLang } from '~/utils/i18n.server'
import { requireUser } from '~/utils/session.server'

/**
 * `/calendar.ics`: the reader's own dates of the award, to add to a calendar: an applicant's defences and site
 * visits, an expert's panel and team seats, the secretariat's whole current cycle. Nobody else's.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request)
  const db = getDb()
  let rows: StageSlotRow[] = []
  if (user.role === 'applicant' && user.organisation_id !== null)
    rows = await listStageSlots(db, { organisationId: user.organisation_id })
  else if (user.role === 'reviewer') rows = slotsOfSeats(await listPanelSeatsOfExpert(db, user.id))
  else if (user.role === 'admin') {
    const cycle = await getCurrentCycle(db)
    rows = cycle ? await listStageSlots(db, { cycleId: cycle.id }) : []
  }
  const base = env().PUBLIC_URL?.replace(/\/$/, '')
  const pageOf = (event: StageEvent) =>
    user.role === 'applicant'
      ? `/applicant/applications/${event.applicationId}`
      : user.role === 'reviewer'
        ? `/review/${event.kind === 'defence' ? 'defence' : 'site-visit'}/${event.applicationId}`
        : `/admin/applications/${event.applicationId}`
  const body = icsOf(stageEvents(rows), await getLang(request), (event) => (base ? base + pageOf(event) : null))
  return new Response(body, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'attachment; filename="award-calendar.ics"',
      'Cache-Control': 'private, no-store',
    },
  })
}
