/**
 * `npm run verify-draws -- draw-ledger-2026.json`: checks a year's draw ledger as downloaded from /draws, offline,
 * with the same code the page runs in the browser: every entry numbered in order, chained to the hash before it,
 * its hash the SHA-256 of what it covers, and its draw re-run from its record to the same choice. Prints each
 * entry's result and the recomputed chain head (compare it with the head the page showed at the time); exits 1 if
 * anything fails.
 */
import fs from 'node:fs'
import { type LedgerEntry, verifyLedger } from './draw-ledger'

const [file] = process.argv.slice(2)
if (!file) {
  console.error('Usage: npm run verify-draws -- <draw-ledger-YYYY.json>')
  process.exit(2)
}

let ledger: { cycle?: number; head?: string; entries?: LedgerEntry[] }
try {
  ledger = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof ledger
} catch (error) {
  console.error(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(2)
}
if (!Array.isArray(ledger.entries)) {
  console.error(`${file} is not a draw ledger (no entries).`)
  process.exit(2)
}

const result = await verifyLedger(ledger.entries)
for (const entry of result.entries)
  console.log(`#${entry.seq}: ${entry.problems.length === 0 ? 'ok' : `FAILED (${entry.problems.join(', ')})`}`)
console.log(`Recomputed chain head: ${result.head}`)
if (ledger.head && ledger.head !== result.head) console.log(`The file states another head: ${ledger.head}`)
const ok = result.ok && (!ledger.head || ledger.head === result.head)
console.log(
  ok
    ? `Verified: all ${result.entries.length} draws of ${ledger.cycle ?? 'the year'}.`
    : 'NOT verified: see the entries above.',
)
process.exit(ok ? 0 : 1)
