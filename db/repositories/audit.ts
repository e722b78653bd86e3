import type { AuditLogTable } from '../schema'
import type { Executor } from './types'
import { officesOfUsers } from './users'

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

/**
 * The offices each acting account holds now, as the audit records them ('agency', 'secretariat,agency', …): the
 * audit names the role its actor acted in (issue 22), even if the account's offices change later.
 */
async function actorOfficesOf(db: Executor, entries: readonly AuditEntryInput[]): Promise<Map<number, string>> {
  const ids = [...new Set(entries.map((e) => e.actorUserId).filter((id): id is number => id !== null))]
  return new Map([...(await officesOfUsers(db, ids))].map(([id, offices]) => [id, offices.join(',')]))
}

export async function appendAudit(db: Executor, entry: AuditEntryInput): Promise<void> {
  const offices = await actorOfficesOf(db, [entry])
  await db
    .insertInto('audit_log')
    .values({
      entity: entry.entity,
      entity_id: entry.entityId,
      actor_user_id: entry.actorUserId,
      actor_offices: entry.actorUserId === null ? null : (offices.get(entry.actorUserId) ?? null),
      at: entry.at,
      from_state: entry.fromState,
      to_state: entry.toState,
      event: entry.event,
      reason: entry.reason,
    })
    .execute()
}

/**
 * Rows per INSERT: nine values a row, 9,000 a statement, within both databases' limits on parameters (SQLite's
 * 32,766, PostgreSQL's 65,535). Publishing 10,000 applications writes ten statements, not a hundred (a round trip
 * each on PostgreSQL).
 */
const auditBatch = 1000

export async function appendAudits(db: Executor, entries: readonly AuditEntryInput[]): Promise<void> {
  const offices = await actorOfficesOf(db, entries)
  for (let i = 0; i < entries.length; i += auditBatch) {
    await db
      .insertInto('audit_log')
      .values(
        entries.slice(i, i + auditBatch).map((entry) => ({
          entity: entry.entity,
          entity_id: entry.entityId,
          actor_user_id: entry.actorUserId,
          actor_offices: entry.actorUserId === null ? null : (offices.get(entry.actorUserId) ?? null),
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

/** The whole audit log in order, with each actor's name and e-mail, for its export (issue 22). */
export function listAuditForExport(db: Executor) {
  return db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.entity',
      'audit_log.entity_id',
      'audit_log.event',
      'audit_log.from_state',
      'audit_log.to_state',
      'audit_log.reason',
      'audit_log.actor_offices',
      'users.role as actor_role',
      'users.display_name as actor_name',
      'users.email as actor_email',
    ])
    .orderBy('audit_log.id')
    .execute()
}

/** How many times this event happened to an entity (a slot scheduled and moved, say). */
export async function countAuditEvents(
  db: Executor,
  entity: AuditLogTable['entity'],
  entityId: number,
  event: string,
): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .where('event', '=', event)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * An act on an application that leaves its state as it is (a slot confirmed, a sheet or a file handed in, an answer
 * or a confirmation recorded): on the application's record all the same, from and to its current status.
 */
export function appendActOnApplication(
  db: Executor,
  act: { applicationId: number; status: string; actorUserId: number; event: string; reason: string | null; at: string },
): Promise<void> {
  return appendAudit(db, {
    entity: 'application',
    entityId: act.applicationId,
    actorUserId: act.actorUserId,
    at: act.at,
    fromState: act.status,
    toState: act.status,
    event: act.event,
    reason: act.reason,
  })
}
