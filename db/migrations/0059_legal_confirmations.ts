import type { Kysely } from 'kysely'

/**
 * The legal representative's confirmation (法定代表人承诺, issue 22): before an application is submitted, its
 * organisation's legal representative, named as in the application's profile, confirms the undertaking and the
 * signed letter is uploaded. One row per application, replaced when confirmed again (the audit keeps each one). It
 * holds for the application's version it was given on: any later change to the application (a saved step, evidence
 * added or taken back) leaves it behind, and the application must be confirmed again before it can be submitted.
 *
 * The letter is an attachment of the application (declaration key `legalLetter`), so that reviewers, the PDF, the
 * backup and the archive find it where they find all evidence. Its id is kept without a foreign key: taking the
 * letter back deletes its row, and the confirmation then no longer holds (its version is left behind).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('legal_confirmations')
    .addColumn('application_id', 'integer', (col) => col.primaryKey().references('applications.id'))
    .addColumn('representative', 'text', (col) => col.notNull())
    .addColumn('letter_attachment_id', 'integer', (col) => col.notNull())
    .addColumn('confirmed_version', 'integer', (col) => col.notNull())
    .addColumn('confirmed_by', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('confirmed_at', 'text', (col) => col.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('legal_confirmations').execute()
}
