import { countAuditEvents } from '#db/repositories/audit'
import { listStageSlots } from '#db/repositories/stages'
import type { Executor } from '#db/repositories/types'
import { calendarFile } from '../stages/calendar-file'
import { stageEvents } from '../stages/stage-calendar'
import type { EmailAttachment } from './messages'

/** The messages about a slot, and the stage whose slot each is about. */
const stageOfKind: Record<string, 'defence' | 'siteVisit'> = {
  'application.SCHEDULE_DEFENCE': 'defence',
  'application.SCHEDULE_SITE_VISIT': 'siteVisit',
  'panel.defence': 'defence',
  'panel.siteVisit': 'siteVisit',
  'panel.defenceMoved': 'defence',
  'panel.siteVisitMoved': 'siteVisit',
}

const titles = {
  defence: { zh: '集中答辩', en: 'Defence' },
  siteVisit: { zh: '现场核查', en: 'Site visit' },
}

/**
 * The calendar invitation (.ics, issue 24) an e-mail about a defence slot or a site visit carries: the slot as it
 * stands when the e-mail goes out (Beijing time, in UTC in the file), under one UID per application and stage so
 * that a calendar updates the event when the slot moves, with a SEQUENCE counting the moves. Both languages in the
 * title, as in the e-mail. Null for every other message, or when the slot is gone (an application withdrawn).
 */
export async function invitationFor(
  db: Executor,
  kind: string,
  payloadJson: string,
  baseUrl: string,
): Promise<EmailAttachment | null> {
  const stage = stageOfKind[kind]
  if (!stage) return null
  const { applicationId } = JSON.parse(payloadJson) as { applicationId: number }
  const event = stageEvents(await listStageSlots(db, { applicationId })).find((e) => e.kind === stage)
  if (!event) return null
  const scheduled = await countAuditEvents(
    db,
    'application',
    applicationId,
    stage === 'defence' ? 'SCHEDULE_DEFENCE' : 'SCHEDULE_SITE_VISIT',
  )
  const page = kind.startsWith('panel.')
    ? `/review/${stage === 'defence' ? 'defence' : 'site-visit'}/${applicationId}`
    : `/applicant/applications/${applicationId}`
  const content = calendarFile([event], {
    title: (e) => `${titles[stage].zh}：${e.organisation} / ${titles[stage].en}: ${e.organisation}`,
    link: () => baseUrl + page,
    calName: "深圳市市长质量奖 · Shenzhen Mayor's Quality Award",
    sequence: Math.max(0, scheduled - 1),
  })
  return {
    filename: stage === 'defence' ? 'defence.ics' : 'site-visit.ics',
    contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
    content,
  }
}
