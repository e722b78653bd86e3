import {
  type ApplicationEvent,
  type ApplicationStatus,
  applicationMachine,
  applicationStatuses,
} from './application.machine'

/**
 * What the machine would allow from a status, for pages that show or hide buttons. Asked of the machine
 * itself, so a page can never offer a step the service would refuse (or hide one it would allow).
 */
export function allows(status: string, event: ApplicationEvent): boolean {
  if (!applicationStatuses.includes(status as ApplicationStatus)) return false
  return applicationMachine.resolveState({ value: status, context: { corrections: 0, awarded: null } }).can(event)
}

export const mayBeEdited = (status: string) => allows(status, { type: 'EDIT' })
export const mayBeWithdrawn = (status: string) => allows(status, { type: 'WITHDRAW', reason: 'x' })

/** Statuses that carry the committee's decision (decided, on notice, approved, published). */
const decidedStatuses: ReadonlySet<string> = new Set(['decided', 'publicNotice', 'approved', 'published'])
export const carriesDecision = (status: string) => decidedStatuses.has(status)
