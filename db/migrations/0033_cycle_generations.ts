import { type Kysely, sql } from 'kysely'
import { createTrigger, dropTrigger, isPostgres, randomInteger } from './portable'

/**
 * A generation per cycle (a random number) that changes in the same transaction as anything the ranking and the desk's counts read:
 * the cycle's row, its applications, their stored standings, consensus rounds, defence sheets and site visits.
 * Triggers keep it, so no write path can forget it; a page reads one row to know whether what it computed
 * before still holds, where the former fingerprint read six aggregates (2 ms at 10,000 applications).
 */
const sources: Array<{ table: string; cycleOf: (row: string) => string }> = [
  { table: 'applications', cycleOf: (row) => `${row}.cycle_id` },
  { table: 'application_standings', cycleOf: (row) => `${row}.cycle_id` },
  ...['consensus_rounds', 'defence_sheets', 'site_visits'].map((table) => ({
    table,
    cycleOf: (row: string) => `(select cycle_id from applications where id = ${row}.application_id)`,
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

/**
 * PostgreSQL's triggers are per statement, over the statement's rows (transition tables): each cycle a statement
 * touches moves once. Per row, publishing 10,000 applications updated the cycle's one generation row 10,000 times in
 * one transaction, each new version of it found by walking all the earlier ones (11 s, where the target is 1 s). On
 * an update of applications, rows whose only change is bookkeeping (a draft save) move nothing: every draft save
 * moving the one generation row made concurrent saves of different applications conflict under SERIALIZABLE.
 */
async function statementTriggers(db: Kysely<any>, table: string, cycleOf: (row: string) => string): Promise<void> {
  const moveCycles = (cycles: string) => `
    insert into cycle_generations (cycle_id, generation)
      select distinct c.cycle_id, 0 from (${cycles}) c
      where c.cycle_id is not null and not exists (select 1 from cycle_generations g where g.cycle_id = c.cycle_id);
    update cycle_generations set generation = ${randomInteger(db)} where cycle_id in (select c.cycle_id from (${cycles}) c);`
  const changed = `from new_rows n join old_rows o on o.id = n.id
         where (to_jsonb(n) - ${bookkeeping}) is distinct from (to_jsonb(o) - ${bookkeeping})`
  const bodies: Record<'insert' | 'delete' | 'update', string> = {
    insert: moveCycles(`select ${cycleOf('n')} as cycle_id from new_rows n`),
    delete: moveCycles(`select ${cycleOf('o')} as cycle_id from old_rows o`),
    // An update that moves a row to another cycle changes both.
    update:
      table === 'applications'
        ? moveCycles(`select n.cycle_id ${changed} union select o.cycle_id ${changed}`)
        : moveCycles(
            `select ${cycleOf('n')} as cycle_id from new_rows n union select ${cycleOf('o')} as cycle_id from old_rows o`,
          ),
  }
  const referencing = {
    insert: 'NEW TABLE AS new_rows',
    delete: 'OLD TABLE AS old_rows',
    update: 'NEW TABLE AS new_rows OLD TABLE AS old_rows',
  }
  for (const event of ['insert', 'delete', 'update'] as const) {
    const name = `${table}_generation_${event}`
    await sql
      .raw(
        `CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $trigger$ BEGIN ${bodies[event]} RETURN NULL; END $trigger$`,
      )
      .execute(db)
    await sql
      .raw(
        `CREATE TRIGGER ${name} AFTER ${event} ON ${table} REFERENCING ${referencing[event]} FOR EACH STATEMENT EXECUTE FUNCTION ${name}()`,
      )
      .execute(db)
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cycle_generations')
    .addColumn('cycle_id', 'integer', (c) => c.primaryKey())
    .addColumn('generation', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  for (const { table, cycleOf } of sources) {
    if (isPostgres(db)) {
      await statementTriggers(db, table, cycleOf)
      continue
    }
    const on = (event: string) => `after ${event} on ${table}`
    await createTrigger(db, { name: `${table}_generation_insert`, on: on('insert'), body: bump(db, cycleOf('NEW')) })
    await createTrigger(db, { name: `${table}_generation_delete`, on: on('delete'), body: bump(db, cycleOf('OLD')) })
    // An update that moves a row to another cycle changes both.
    await createTrigger(db, {
      name: `${table}_generation_update`,
      on: on('update'),
      body: `${bump(db, cycleOf('NEW'))} ${bump(db, cycleOf('OLD'))}`,
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
