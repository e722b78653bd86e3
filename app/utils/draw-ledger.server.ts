import { ledgerCycles, ledgerEntries } from '#db/repositories/draw-ledger'
import type { Executor } from '#db/repositories/types'
import type { LedgerEntry, LedgerRecord } from '#workflows/review/draw-ledger'

/** What the public sees of a cycle's ledger: always each entry's hash; the record once the results are out. */
export async function publicLedger(db: Executor, year: number | null) {
  const cycles = await ledgerCycles(db)
  const shown = cycles.find((c) => c.year === year) ?? cycles[0]
  if (!shown) return { years: [] as number[], cycle: null }
  const published = shown.results_published_at !== null
  const entries = await ledgerEntries(db, shown.id)
  return {
    years: cycles.map((c) => c.year),
    cycle: {
      year: shown.year,
      published,
      head: entries.at(-1)?.hash ?? null,
      entries: entries.map((e) => ({
        seq: e.seq,
        kind: e.kind,
        createdAt: e.createdAt,
        hash: e.hash,
        applications: published ? (JSON.parse(e.record) as LedgerRecord).entries.length : null,
      })),
    },
  }
}

/** A published cycle's ledger as the downloadable file: every entry with its record, and the head. */
export async function publishedLedger(
  db: Executor,
  year: number,
): Promise<{ cycle: number; head: string; entries: LedgerEntry[] } | null> {
  const cycle = (await ledgerCycles(db)).find((c) => c.year === year)
  if (!cycle || cycle.results_published_at === null) return null
  const entries = await ledgerEntries(db, cycle.id)
  return { cycle: year, head: entries.at(-1)!.hash, entries }
}
