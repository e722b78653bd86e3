import { type Kysely, sql } from 'kysely'

/** A user's saved filters of a list (issue 24): a name and the list's query, per page ('desk' for now). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('saved_filters')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('page', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull().check(sql`length(name) between 1 and 40`))
    .addColumn('query', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('saved_filters_name_uq', ['user_id', 'page', 'name'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('saved_filters').execute()
}
