import type { Executor } from './types'

export function lastLedgerEntry(db: Executor, cycleId: number) {
  return db
    .selectFrom('draw_ledger')
    .select(['seq', 'hash'])
    .where('cycle_id', '=', cycleId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst()
}

export async function insertLedgerEntry(
  db: Executor,
  entry: { cycleId: number; seq: number; kind: string; record: string; prevHash: string; hash: string; at: string },
): Promise<void> {
  await db
    .insertInto('draw_ledger')
    .values({
      cycle_id: entry.cycleId,
      seq: entry.seq,
      kind: entry.kind,
      record: entry.record,
      prev_hash: entry.prevHash,
      hash: entry.hash,
      created_at: entry.at,
    })
    .execute()
}

/** The cycle's salt for pseudonymous codes, made on its first draw (in that draw's transaction). */
export async function ledgerSalt(db: Executor, cycleId: number, fresh: () => string): Promise<string> {
  const found = await db
    .selectFrom('draw_ledger_salts')
    .select('salt')
    .where('cycle_id', '=', cycleId)
    .executeTakeFirst()
  if (found) return found.salt
  const salt = fresh()
  await db.insertInto('draw_ledger_salts').values({ cycle_id: cycleId, salt }).execute()
  return salt
}

/** Each cycle that has drawn: its year, whether its results are out, its entry count and chain head. */
export function ledgerCycles(db: Executor) {
  return db
    .selectFrom('cycles')
    .innerJoin('draw_ledger', 'draw_ledger.cycle_id', 'cycles.id')
    .select((eb) => [
      'cycles.id',
      'cycles.year',
      'cycles.results_published_at',
      eb.fn.count<number>('draw_ledger.id').as('entries'),
      eb.fn.max('draw_ledger.seq').as('head_seq'),
    ])
    .groupBy('cycles.id')
    .orderBy('cycles.year', 'desc')
    .execute()
}

/** A cycle's chain in order: what anyone may see before publication (no records) or after (with them). */
export function ledgerEntries(db: Executor, cycleId: number) {
  return db
    .selectFrom('draw_ledger')
    .select(['seq', 'kind', 'record', 'prev_hash', 'hash', 'created_at'])
    .where('cycle_id', '=', cycleId)
    .orderBy('seq')
    .execute()
}
