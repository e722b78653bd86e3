import type { AuditLogTable } from '../schema'
import type { Executor } from './types'

export interface AuditEntryInput {
  entity: AuditLogTable['entity']
  entityId: number
  actorUserId: number | null
  at: string
  fromState: string | null
  toState: string
  event: string
  reason: string | null
}

export async function appendAudit(db: Executor, entry: AuditEntryInput): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      entity: entry.entity,
      entity_id: entry.entityId,
      actor_user_id: entry.actorUserId,
      at: entry.at,
      from_state: entry.fromState,
      to_state: entry.toState,
      event: entry.event,
      reason: entry.reason,
    })
    .execute()
}

export async function appendAudits(db: Executor, entries: readonly AuditEntryInput[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 100) {
    await db
      .insertInto('audit_log')
      .values(
        entries.slice(i, i + 100).map((entry) => ({
          entity: entry.entity,
          entity_id: entry.entityId,
          actor_user_id: entry.actorUserId,
          at: entry.at,
          from_state: entry.fromState,
          to_state: entry.toState,
          event: entry.event,
          reason: entry.reason,
        })),
      )
      .execute()
  }
}

export function listAudit(db: Executor, entity: AuditLogTable['entity'], entityId: number) {
  return db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.from_state',
      'audit_log.to_state',
      'audit_log.event',
      'audit_log.reason',
      'users.role as actor_role',
      'users.display_name as actor_name',
    ])
    .where('audit_log.entity', '=', entity)
    .where('audit_log.entity_id', '=', entityId)
    .orderBy('audit_log.id')
    .execute()
}
