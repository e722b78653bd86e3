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

/** Each cycle that has drawn, newest first: its id, year and whether its results are out. */
export function ledgerCycles(db: Executor) {
  return db
    .selectFrom('cycles')
    .select(['cycles.id', 'cycles.year', 'cycles.results_published_at'])
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('draw_ledger').select('draw_ledger.id').whereRef('draw_ledger.cycle_id', '=', 'cycles.id')),
    )
    .orderBy('cycles.year', 'desc')
    .execute()
}

/** A cycle's chain in order, each entry as verification reads it (workflows/review/draw-ledger.ts, LedgerEntry). */
export function ledgerEntries(db: Executor, cycleId: number) {
  return db
    .selectFrom('draw_ledger')
    .select(['seq', 'kind', 'record', 'prev_hash as prevHash', 'hash', 'created_at as createdAt'])
    .where('cycle_id', '=', cycleId)
    .orderBy('seq')
    .execute()
}
