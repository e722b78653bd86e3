import { getDb } from '#db/client.server'
import { getApplicationForSecretariat } from '#db/repositories/applications'
import { getCriteriaTree } from '#db/repositories/criteria'
import { getCycle } from '#db/repositories/cycles'
import { findPanelMember } from '#db/repositories/stages'
import type { PanelStage } from '#db/schema'
import type { Actor } from '#workflows/application/application.policy'
import { declarePanelSeat } from '#workflows/stages/panel-declaration.server'
import { panelDeclarationSchema } from '~/forms/stages'
import { redirectWithFlash } from './flash.server'
import { fieldErrors, httpError, inPanel, workflowFailure } from './http.server'
import { requireUser } from './session.server'
import { parseForm } from './validation.server'

/**
 * An expert's seat on a defence panel or a site-visit team, with the application and its criteria. Anyone not on
 * that panel or team finds nothing: the same 404 as an application that does not exist.
 */
export async function requirePanelSeat(request: Request, idParam: string | undefined, stage: PanelStage) {
  const { actor } = await requireUser(request, 'reviewer')
  const id = Number(idParam)
  const db = getDb()
  const seat = Number.isSafeInteger(id) ? await findPanelMember(db, stage, id, actor.userId) : undefined
  if (!seat) throw httpError(404, 'errors.notFound')
  const application = (await getApplicationForSecretariat(db, id))!
  const cycle = (await getCycle(db, application.cycle_id))!
  const tree = await getCriteriaTree(db, cycle.edition_id)
  return { db, actor, seat, application, tree }
}

const stagePage = { defence: 'defence', siteVisit: 'site-visit' } as const

/**
 * The declaration a panel or team member makes before the file opens, when the form posted is one: no conflict
 * (back to the page, now open) or a conflict (to the expert's desk; the seat is drawn again). Null when the form
 * is the sheet's.
 */
export async function panelDeclarationAction(
  request: Request,
  form: URLSearchParams,
  input: { stage: PanelStage; applicationId: number; actor: Actor },
): Promise<Response | null> {
  const intent = form.get('intent')
  if (intent !== 'noConflict' && intent !== 'conflict') return null
  const parsed = parseForm(panelDeclarationSchema, form)
  if (!parsed.ok) return inPanel(fieldErrors(parsed.errors), intent)
  try {
    await declarePanelSeat(getDb(), {
      stage: input.stage,
      applicationId: input.applicationId,
      actor: input.actor,
      declaration:
        parsed.data.intent === 'conflict' ? { conflict: true, reason: parsed.data.reason } : { conflict: false },
    })
  } catch (error) {
    return inPanel(workflowFailure(error), intent)
  }
  return parsed.data.intent === 'conflict'
    ? redirectWithFlash(request, '/review', 'flash.panelRecused')
    : redirectWithFlash(request, `/review/${stagePage[input.stage]}/${input.applicationId}`, 'flash.panelDeclared')
}
