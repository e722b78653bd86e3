import { type Kysely, sql } from 'kysely'
import { bump } from './0033_cycle_generations'

/**
 * A cycle's categories and award levels move its generation too, so that pages can keep them per generation
 * (decision record 0015) instead of reading them on every view: a quota changed in the settings shows at once.
 */
const tables = ['cycle_categories', 'award_levels']

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of tables) {
    await sql
      .raw(`create trigger ${table}_generation_insert after insert on ${table} begin ${bump('NEW.cycle_id')} end`)
      .execute(db)
    await sql
      .raw(`create trigger ${table}_generation_delete after delete on ${table} begin ${bump('OLD.cycle_id')} end`)
      .execute(db)
    await sql
      .raw(
        `create trigger ${table}_generation_update after update on ${table} begin ${bump('NEW.cycle_id')} ${bump('OLD.cycle_id')} end`,
      )
      .execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of tables)
    for (const kind of ['insert', 'delete', 'update'])
      await sql.raw(`drop trigger ${table}_generation_${kind}`).execute(db)
}
