import { initialTransition, type SnapshotFrom } from 'xstate'
import { type ApplicationContext, type ApplicationStatus, applicationMachine } from './application.machine'

export type ApplicationSnapshot = SnapshotFrom<typeof applicationMachine>

interface PersistedApplication {
  value: ApplicationStatus
  context: ApplicationContext
}

export function initialApplicationSnapshot(): ApplicationSnapshot {
  return initialTransition(applicationMachine)[0]
}

/** What goes into applications.snapshot: only the state value and context, which is all the machine needs. */
export function serialiseSnapshot(snapshot: ApplicationSnapshot): string {
  const persisted: PersistedApplication = { value: snapshot.value as ApplicationStatus, context: snapshot.context }
  return JSON.stringify(persisted)
}

export function restoreSnapshot(json: string): ApplicationSnapshot {
  const persisted = JSON.parse(json) as PersistedApplication
  return applicationMachine.resolveState({ value: persisted.value, context: persisted.context })
}

export function statusOf(snapshot: ApplicationSnapshot): ApplicationStatus {
  return snapshot.value as ApplicationStatus
}
