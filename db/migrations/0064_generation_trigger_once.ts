import { type Kysely, sql } from 'kysely'
import { isPostgres, randomInteger } from './portable'

/**
 * PostgreSQL only (issue 20: publication of 10,000 applications in ≤ 1 s). The statement trigger that moves a cycle's
 * generation on an update of applications (migration 0033) compared every changed row's whole record (as JSON, less
 * the bookkeeping columns) four times over: once for each half of a UNION, in the INSERT and again in the UPDATE.
 * Publishing spent two thirds of each 500-row statement there (31 ms of the trigger's against 8 ms of the update's).
 * Now the cycles a statement moved are found once, into an array; a change of status or cycle, which every step of
 * the machine makes, is seen without building the records. What counts as a change is as before. SQLite's row
 * triggers are untouched.
 */
const bookkeeping = `'version' - 'updated_at' - 'last_step'`

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return
  await sql
    .raw(
      `CREATE OR REPLACE FUNCTION applications_generation_update() RETURNS trigger LANGUAGE plpgsql AS $trigger$
      DECLARE moved bigint[];
      BEGIN
        SELECT array_agg(DISTINCT x.cycle_id) INTO moved
          FROM new_rows n JOIN old_rows o ON o.id = n.id
          CROSS JOIN LATERAL (VALUES (n.cycle_id), (o.cycle_id)) AS x(cycle_id)
          WHERE x.cycle_id IS NOT NULL
            AND (n.status IS DISTINCT FROM o.status OR n.cycle_id IS DISTINCT FROM o.cycle_id
              OR (to_jsonb(n) - ${bookkeeping}) IS DISTINCT FROM (to_jsonb(o) - ${bookkeeping}));
        IF moved IS NULL THEN RETURN NULL; END IF;
        INSERT INTO cycle_generations (cycle_id, generation)
          SELECT m.cycle_id, 0 FROM unnest(moved) AS m(cycle_id)
          WHERE NOT EXISTS (SELECT 1 FROM cycle_generations g WHERE g.cycle_id = m.cycle_id);
        UPDATE cycle_generations SET generation = ${randomInteger(db)} WHERE cycle_id = ANY (moved);
        RETURN NULL;
      END $trigger$`,
    )
    .execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return
  const changed = `from new_rows n join old_rows o on o.id = n.id
         where (to_jsonb(n) - ${bookkeeping}) is distinct from (to_jsonb(o) - ${bookkeeping})`
  const cycles = `select n.cycle_id ${changed} union select o.cycle_id ${changed}`
  await sql
    .raw(
      `CREATE OR REPLACE FUNCTION applications_generation_update() RETURNS trigger LANGUAGE plpgsql AS $trigger$ BEGIN
    insert into cycle_generations (cycle_id, generation)
      select distinct c.cycle_id, 0 from (${cycles}) c
      where c.cycle_id is not null and not exists (select 1 from cycle_generations g where g.cycle_id = c.cycle_id);
    update cycle_generations set generation = ${randomInteger(db)} where cycle_id in (select c.cycle_id from (${cycles}) c); RETURN NULL; END $trigger$`,
    )
    .execute(db)
}
