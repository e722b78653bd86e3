import type { Kysely } from 'kysely'

/**
 * The columns each user chose to see in a list (issue 24: column choice on the desk): a preference, one row per user
 * and list, the chosen columns' names in the list's order. No row: every column.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('list_columns')
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('page', 'text', (col) => col.notNull())
    .addColumn('columns', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('list_columns_pk', ['user_id', 'page'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('list_columns').execute()
}
