import { type Kysely, sql } from 'kysely'
import { organisationKeys } from '../../workflows/experts/organisation-keys'
import { createTrigger, dropTrigger } from './portable'

/**
 * Organisations are compared on normalised keys (NFKC, case, spaces and punctuation; a credit code only when it has
 * the form of one), stored beside the text as typed (issue 17): the applicant's organisation, an expert's employer and
 * each of an expert's ties. SQLite cannot normalise Unicode, so the keys of the rows already there are computed here,
 * with the function every writer uses (workflows/experts/organisation-keys.ts).
 */
const tables = [
  { table: 'organisations', name: 'name', uscc: 'uscc', nameKey: 'name_key', usccKey: 'uscc_key' },
  {
    table: 'experts',
    name: 'employer_name',
    uscc: 'employer_uscc',
    nameKey: 'employer_name_key',
    usccKey: 'employer_uscc_key',
  },
  { table: 'expert_relations', name: 'name', uscc: 'uscc', nameKey: 'name_key', usccKey: 'uscc_key' },
] as const

export async function up(db: Kysely<any>): Promise<void> {
  for (const t of tables) {
    await db.schema.alterTable(t.table).addColumn(t.nameKey, 'text').execute()
    await db.schema.alterTable(t.table).addColumn(t.usccKey, 'text').execute()
    const rows = await db
      .selectFrom(t.table)
      .select(['id', `${t.name} as name`, `${t.uscc} as uscc`])
      .execute()
    for (const row of rows as Array<{ id: number; name: string; uscc: string | null }>) {
      const keys = organisationKeys(row.name ?? '', row.uscc)
      await db
        .updateTable(t.table)
        .set({ [t.nameKey]: keys.name, [t.usccKey]: keys.uscc })
        .where('id', '=', row.id)
        .execute()
    }
    // A writer that changes the text without its keys (a script, a hand-made fix) makes them unknown rather than
    // stale: they are then computed from the text when compared.
    await createTrigger(db, {
      name: `${t.table}_keys_follow_text`,
      on: `after update of ${t.name}, ${t.uscc} on ${t.table}`,
      when: `NEW.${t.nameKey} is not distinct from OLD.${t.nameKey} and NEW.${t.usccKey} is not distinct from OLD.${t.usccKey}
           and (NEW.${t.name} is distinct from OLD.${t.name} or NEW.${t.uscc} is distinct from OLD.${t.uscc})`,
      body: `update ${t.table} set ${t.nameKey} = null, ${t.usccKey} = null where id = NEW.id;`,
    })
    await db.schema.createIndex(`${t.table}_${t.usccKey}_idx`).on(t.table).column(t.usccKey).execute()
    await db.schema.createIndex(`${t.table}_${t.nameKey}_idx`).on(t.table).column(t.nameKey).execute()
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of tables) {
    await dropTrigger(db, `${t.table}_keys_follow_text`, t.table)
    await sql`drop index if exists ${sql.id(`${t.table}_${t.usccKey}_idx`)}`.execute(db)
    await sql`drop index if exists ${sql.id(`${t.table}_${t.nameKey}_idx`)}`.execute(db)
    await db.schema.alterTable(t.table).dropColumn(t.nameKey).execute()
    await db.schema.alterTable(t.table).dropColumn(t.usccKey).execute()
  }
}
