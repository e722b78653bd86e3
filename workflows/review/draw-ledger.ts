import type { Conflict, ConflictKind } from '../experts/conflicts'
import { type DrawApplication, drawReviewers, type Exclusion } from './draw'

/**
 * The public draw ledger (issue 23): what anyone can check without trusting the secretariat. Each draw of a cycle
 * (document review, a redraw, a defence panel, a site-visit team) becomes a record that holds every input of the
 * draw function, experts and applicants as pseudonymous codes, and the choice; the record is chained to the one
 * before it by SHA-256, so no record can change later without every hash after it changing too. This module is
 * pure and runs the same on the server, in the browser (the /draws page's "verify") and in `npm run verify-draws`.
 */

export type LedgerKind = 'draw' | 'redraw' | 'defence' | 'siteVisit'

export interface LedgerExclusion {
  expert: string
  reason: Exclusion['reason']
  /** For a computed conflict, its kinds (which organisation is the expert's private data and stays out). */
  conflicts?: ConflictKind[]
}

export interface LedgerRecord {
  v: 1
  /** The award year the draw belongs to. */
  cycle: number
  kind: LedgerKind
  drawnAt: string
  seed: number
  cap: number
  /** The candidates in the order the draw function saw them, with the inputs it used. */
  candidates: Array<{ code: string; industries: string[]; load: number }>
  /** The applications in the order they were drawn for. */
  entries: Array<{
    application: string
    industry: string
    needed: number
    exclusions: LedgerExclusion[]
    chosen: string[]
  }>
}

export interface LedgerEntry {
  seq: number
  kind: string
  /** The record as hashed (JSON text). */
  record: string
  prevHash: string
  hash: string
  createdAt: string
}

/** The hash a cycle's first entry chains to. */
export const genesisHash = '0'.repeat(64)

/** What an entry's hash covers: the previous hash and the record's exact text. */
export const chainInput = (prevHash: string, record: string) => `${prevHash}\n${record}`

/** SHA-256 in hex, by the Web Crypto API (the browser's, and Node's global one). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** A draw as the server holds it (real ids), turned into its public record. */
export function ledgerRecord(
  draw: {
    year: number
    kind: LedgerKind
    at: string
    seed: number
    cap: number
    candidates: ReadonlyArray<{ id: number; industries: readonly string[]; load: number }>
    entries: ReadonlyArray<{
      applicationId: number
      industry: string
      needed: number
      exclusions: readonly Exclusion[]
      chosen: readonly number[]
    }>
  },
  codes: { expert: (id: number) => string; application: (id: number) => string },
): LedgerRecord {
  return {
    v: 1,
    cycle: draw.year,
    kind: draw.kind,
    drawnAt: draw.at,
    seed: draw.seed,
    cap: draw.cap,
    candidates: draw.candidates.map((c) => ({ code: codes.expert(c.id), industries: [...c.industries], load: c.load })),
    entries: draw.entries.map((e) => ({
      application: codes.application(e.applicationId),
      industry: e.industry,
      needed: e.needed,
      exclusions: e.exclusions.map((x) =>
        x.reason === 'conflict'
          ? { expert: codes.expert(x.expertId), reason: x.reason, conflicts: x.conflicts.map((c) => c.kind) }
          : { expert: codes.expert(x.expertId), reason: x.reason },
      ),
      chosen: e.chosen.map(codes.expert),
    })),
  }
}

/**
 * Re-runs a record's draw through the same pure draw function: codes become numbers in the record's own order
 * (candidates, then applications), which is all the function needs of an id. Null when the record is not one.
 */
export function replayLedgerRecord(record: LedgerRecord): { matches: boolean; chosen: string[][] } | null {
  if (record.v !== 1 || !Array.isArray(record.candidates) || !Array.isArray(record.entries)) return null
  const number = new Map(record.candidates.map((c, i) => [c.code, i + 1]))
  if (number.size !== record.candidates.length) return null
  const known = (code: string) => number.get(code) ?? -1
  const conflicts = new Map<number, Map<number, readonly Conflict[]>>()
  const applications: DrawApplication[] = record.entries.map((entry, j) => {
    const ids = (reason: Exclusion['reason']) =>
      new Set(entry.exclusions.filter((x) => x.reason === reason).map((x) => known(x.expert)))
    conflicts.set(
      j + 1,
      new Map(
        entry.exclusions
          .filter((x) => x.reason === 'conflict')
          .map((x) => [known(x.expert), (x.conflicts ?? []).map((kind) => ({ kind, name: '' }))] as const),
      ),
    )
    return {
      id: j + 1,
      industry: entry.industry,
      needed: entry.needed,
      excluded: ids('alreadyOnApplication'),
      declaredConflicts: ids('declaredConflict'),
      busy: ids('busy'),
      unavailable: ids('unavailable'),
    }
  })
  // Left out of the whole draw (not activated, rated below the cycle's threshold): as each entry's record says.
  const leftOut = (reason: 'notActivated' | 'belowRating') =>
    new Set(
      record.entries.flatMap((entry) =>
        entry.exclusions.filter((x) => x.reason === reason).map((x) => known(x.expert)),
      ),
    )
  const result = drawReviewers({
    applications,
    notActivated: leftOut('notActivated'),
    belowRating: leftOut('belowRating'),
    experts: record.candidates.map((c, i) => ({ id: i + 1, industries: c.industries })),
    conflictsOf: (id) => conflicts.get(id) ?? new Map(),
    loads: new Map(record.candidates.map((c, i) => [i + 1, c.load])),
    cap: record.cap,
    seed: record.seed,
  })
  if (!result.ok) return { matches: false, chosen: [] }
  const codeOf = record.candidates.map((c) => c.code)
  const chosen = result.draws.map((d) => d.chosen.map((n) => codeOf[n - 1]!))
  const matches =
    chosen.length === record.entries.length &&
    record.entries.every((entry, j) => JSON.stringify(entry.chosen) === JSON.stringify(chosen[j]))
  return { matches, chosen }
}

export type LedgerProblem = 'sequence' | 'link' | 'hash' | 'unreadable' | 'replay'

export interface LedgerVerification {
  ok: boolean
  /** The last entry's hash as recomputed: compare it with the head published at the time. */
  head: string
  entries: Array<{ seq: number; problems: LedgerProblem[] }>
}

/**
 * Checks a cycle's chain from its first entry: numbered 1, 2, …; each chained to the hash before it; each hash
 * the SHA-256 of what it covers; each record readable and its draw re-run to the same choice.
 */
export async function verifyLedger(entries: readonly LedgerEntry[]): Promise<LedgerVerification> {
  let previous = genesisHash
  const checked: LedgerVerification['entries'] = []
  for (const [i, entry] of entries.entries()) {
    const problems: LedgerProblem[] = []
    if (entry.seq !== i + 1) problems.push('sequence')
    if (entry.prevHash !== previous) problems.push('link')
    if ((await sha256Hex(chainInput(entry.prevHash, entry.record))) !== entry.hash) problems.push('hash')
    let replay: ReturnType<typeof replayLedgerRecord> = null
    try {
      replay = replayLedgerRecord(JSON.parse(entry.record) as LedgerRecord)
    } catch {
      replay = null
    }
    if (!replay) problems.push('unreadable')
    else if (!replay.matches) problems.push('replay')
    checked.push({ seq: entry.seq, problems })
    previous = entry.hash
  }
  return { ok: checked.every((e) => e.problems.length === 0), head: previous, entries: checked }
}
