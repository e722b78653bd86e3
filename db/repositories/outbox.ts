import { type Expression, sql } from 'kysely'
import type { DB } from '../client.server'
import type { Executor } from './types'
import { jsonInteger, jsonWithout } from '../sql-dialect'

/** Notifications are written in the same transaction as the change they announce, and sent after commit. */
export async function enqueueNotification(
  db: Executor,
  message: { kind: string; recipient: string; payload: unknown; at: string },
) {
  await db
    .insertInto('outbox')
    .values({
      kind: message.kind,
      recipient: message.recipient,
      payload: JSON.stringify(message.payload),
      created_at: message.at,
      sent_at: null,
    })
    .execute()
}

export async function enqueueNotifications(
  db: Executor,
  messages: ReadonlyArray<{ kind: string; recipient: string; payload: unknown; at: string }>,
) {
  // A thousand rows of five values a statement: within both databases' limits on parameters, and few round trips.
  for (let i = 0; i < messages.length; i += 1000) {
    await db
      .insertInto('outbox')
      .values(
        messages.slice(i, i + 1000).map((m) => ({
          kind: m.kind,
          recipient: m.recipient,
          payload: JSON.stringify(m.payload),
          created_at: m.at,
          sent_at: null,
        })),
      )
      .execute()
  }
}

/** The latest messages written, sent or not (a rehearsal's page shows what it would have sent). */
export function listLatest(db: Executor, limit: number) {
  return db
    .selectFrom('outbox')
    .select(['id', 'recipient', 'kind', 'payload', 'created_at'])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}

export function listUnsent(db: Executor, limit = 50) {
  return db.selectFrom('outbox').selectAll().where('sent_at', 'is', null).orderBy('id').limit(limit).execute()
}

/**
 * Up to `limit` unsent messages no other process is sending, claimed for this one until `until` (in one
 * transaction: on PostgreSQL two claims at once conflict and one runs again, then sees the other's claims).
 */
export async function claimUnsent(db: DB, input: { limit: number; now: string; until: string }) {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('outbox')
      .selectAll()
      .where('sent_at', 'is', null)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', input.now)]))
      .orderBy('id')
      .limit(input.limit)
      .execute()
    if (rows.length > 0)
      await trx
        .updateTable('outbox')
        .set({ claimed_until: input.until })
        .where(
          'id',
          'in',
          rows.map((row) => row.id),
        )
        .execute()
    return rows
  })
}

/** A claim given up (the provider refused the message): the next pass tries it again. */
export async function releaseClaim(db: Executor, id: number) {
  await db.updateTable('outbox').set({ claimed_until: null }).where('id', '=', id).execute()
}

/** Marked sent; a password link's token leaves the database with the e-mail that carried it. */
export async function markSent(db: Executor, id: number, at: string) {
  await db
    .updateTable('outbox')
    .set({ sent_at: at, payload: jsonWithout(db, 'payload', 'token') })
    .where('id', '=', id)
    .execute()
}

/**
 * Kinds never shown in the inbox: a password link belongs in the mailbox it was sent to, not on a screen; and what
 * the public form tells an objector (anyone may type any address there) never reaches the inbox of an account
 * that happens to have that address.
 */
const mailOnly = ['account.%', 'objection.%']

/** A recipient's messages for the inbox: unread first, then the newest, at most `limit`. */
export function listInbox(db: Executor, recipient: string, limit = 100) {
  return (
    db
      .selectFrom('outbox')
      // The application a message is about, named: "the last sheet is in" says which.
      .leftJoin('applications', (join) =>
        join.on(sql<boolean>`applications.id = ${jsonInteger(db, 'outbox.payload', 'applicationId')}`),
      )
      .leftJoin('organisations', 'organisations.id', 'applications.organisation_id')
      .select([
        'outbox.id',
        'outbox.kind',
        'outbox.payload',
        'outbox.created_at',
        'outbox.read_at',
        'organisations.name as organisation_name',
      ])
      .where('outbox.recipient', '=', recipient)
      .where((eb) => eb.and(mailOnly.map((kind) => eb('outbox.kind', 'not like', kind))))
      .orderBy(sql`outbox.read_at is null`, 'desc')
      .orderBy('outbox.id', 'desc')
      .limit(limit)
      .execute()
  )
}

/**
 * The number of unread inbox messages of the user whose e-mail is in `recipient` (a column of the outer query), as a
 * scalar subquery: the session lookup every page makes reads it in the same statement (issue 19).
 */
export function unreadCountOf(db: Executor, recipient: Expression<string>) {
  return db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('outbox.recipient', '=', recipient)
    .where('outbox.read_at', 'is', null)
    .where((eb) => eb.and(mailOnly.map((kind) => eb('outbox.kind', 'not like', kind))))
}

/** Marks the recipient's messages read (one, or all); another recipient's are never touched. */
export async function markRead(db: Executor, recipient: string, at: string, id?: number): Promise<void> {
  let query = db
    .updateTable('outbox')
    .set({ read_at: at })
    .where('recipient', '=', recipient)
    .where('read_at', 'is', null)
  if (id !== undefined) query = query.where('id', '=', id)
  await query.execute()
}
