import type { Kysely } from 'kysely'
import { bump } from './0033_cycle_generations'
import { createTrigger, dropTrigger } from './portable'

/**
 * A cycle's categories and award levels move its generation too, so that pages can keep them per generation
 * (decision record 0015) instead of reading them on every view: a quota changed in the settings shows at once.
 */
const tables = ['cycle_categories', 'award_levels']

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of tables) {
    const on = (event: string) => `after ${event} on ${table}`
    await createTrigger(db, { name: `${table}_generation_insert`, on: on('insert'), body: bump(db, 'NEW.cycle_id') })
    await createTrigger(db, { name: `${table}_generation_delete`, on: on('delete'), body: bump(db, 'OLD.cycle_id') })
    await createTrigger(db, {
      name: `${table}_generation_update`,
      on: on('update'),
      body: `${bump(db, 'NEW.cycle_id')} ${bump(db, 'OLD.cycle_id')}`,
    })
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of tables)
    for (const kind of ['insert', 'delete', 'update']) await dropTrigger(db, `${table}_generation_${kind}`, table)
}
