import { type Kysely, sql } from 'kysely'
import { createTrigger, dropTrigger, randomInteger } from './portable'

/**
 * A generation per cycle (a random number) that changes in the same transaction as anything the ranking and the desk's counts read:
 * the cycle's row, its applications, their stored standings, consensus rounds, defence sheets and site visits.
 * Triggers keep it, so no write path can forget it; a page reads one row to know whether what it computed
 * before still holds, where the former fingerprint read six aggregates (2 ms at 10,000 applications).
 */
const sources: Array<{ table: string; cycleOf: (row: 'NEW' | 'OLD') => string }> = [
  { table: 'applications', cycleOf: (row) => `${row}.cycle_id` },
  { table: 'application_standings', cycleOf: (row) => `${row}.cycle_id` },
  ...['consensus_rounds', 'defence_sheets', 'site_visits'].map((table) => ({
    table,
    cycleOf: (row: 'NEW' | 'OLD') => `(select cycle_id from applications where id = ${row}.application_id)`,
  })),
]

/**
 * A new random generation rather than the next number: a transaction that computed and cached something, then
 * rolled back, must not leave a number that the next real change would take again.
 */
export function bump(db: Kysely<any>, cycle: string): string {
  // Not INSERT OR IGNORE: a conflict policy of the statement that fires the trigger would override it.
  return `insert into cycle_generations (cycle_id, generation)
      select ${cycle}, 0 where not exists (select 1 from cycle_generations where cycle_id = ${cycle});
    update cycle_generations set generation = ${randomInteger(db)} where cycle_id = ${cycle};`
}

/** An application's columns that say nothing the ranking or the desk's counts read (PostgreSQL's trigger only). */
const bookkeeping = `'version' - 'updated_at' - 'last_step'`

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cycle_generations')
    .addColumn('cycle_id', 'integer', (c) => c.primaryKey())
    .addColumn('generation', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  for (const { table, cycleOf } of sources) {
    const on = (event: string) => `after ${event} on ${table}`
    await createTrigger(db, { name: `${table}_generation_insert`, on: on('insert'), body: bump(db, cycleOf('NEW')) })
    await createTrigger(db, { name: `${table}_generation_delete`, on: on('delete'), body: bump(db, cycleOf('OLD')) })
    // An update that moves a row to another cycle changes both.
    const body = `${bump(db, cycleOf('NEW'))} ${bump(db, cycleOf('OLD'))}`
    await createTrigger(db, {
      name: `${table}_generation_update`,
      on: on('update'),
      body,
      // On PostgreSQL, where transactions run in parallel, every draft save moving the cycle's one generation row
      // made concurrent saves of different applications conflict (one in eight was answered "busy" with 20
      // applicants saving at once). A save that changes only an application's bookkeeping (its version, when it was
      // saved, the step it is at), which nothing kept per generation reads, leaves the generation alone there.
      ...(table === 'applications'
        ? {
            postgres: {
              on: on('update'),
              when: `(to_jsonb(NEW) - ${bookkeeping}) is distinct from (to_jsonb(OLD) - ${bookkeeping})`,
              body,
            },
          }
        : {}),
    })
  }
  await createTrigger(db, { name: 'cycles_generation_update', on: 'after update on cycles', body: bump(db, 'NEW.id') })
  await sql
    .raw(`insert into cycle_generations (cycle_id, generation) select id, ${randomInteger(db)} from cycles`)
    .execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const { table } of sources) {
    for (const kind of ['insert', 'delete', 'update']) await dropTrigger(db, `${table}_generation_${kind}`, table)
  }
  await dropTrigger(db, 'cycles_generation_update', 'cycles')
  await db.schema.dropTable('cycle_generations').execute()
}
