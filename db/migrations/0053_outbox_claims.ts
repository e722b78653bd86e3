import type { Kysely } from 'kysely'

/**
 * A message being sent is claimed first (issue 20): with two server processes, each would otherwise list the same
 * unsent messages and e-mail them twice. A claim is a lease, so a process that dies mid-send leaves the message to
 * be sent by the next pass after the lease, not never.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('claimed_until', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('claimed_until').execute()
}
