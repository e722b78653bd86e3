import crypto from 'node:crypto'
import { insertLedgerEntry, lastLedgerEntry, ledgerSalt } from '#db/repositories/draw-ledger'
import type { Executor } from '#db/repositories/types'
import { chainInput, genesisHash, ledgerRecord } from './draw-ledger'

type DrawForLedger = Parameters<typeof ledgerRecord>[0]

/** A pseudonymous code: stable within the cycle (its salt), not derivable from the id without the salt. */
function code(prefix: 'E' | 'A', salt: string, id: number): string {
  const digest = crypto.createHash('sha256').update(`${salt}:${prefix}:${id}`).digest('hex')
  return `${prefix}-${digest.slice(0, 10).toUpperCase()}`
}

/**
 * Appends a draw to its cycle's public chain, in the draw's own transaction: the draw and its ledger entry are
 * written together or not at all, so no draw exists that the ledger does not show.
 */
export async function appendDrawToLedger(trx: Executor, cycleId: number, draw: DrawForLedger): Promise<string> {
  const salt = await ledgerSalt(trx, cycleId, () => crypto.randomBytes(16).toString('hex'))
  const record = JSON.stringify(
    ledgerRecord(draw, { expert: (id) => code('E', salt, id), application: (id) => code('A', salt, id) }),
  )
  const last = await lastLedgerEntry(trx, cycleId)
  const prevHash = last?.hash ?? genesisHash
  const hash = crypto.createHash('sha256').update(chainInput(prevHash, record)).digest('hex')
  await insertLedgerEntry(trx, {
    cycleId,
    seq: (last?.seq ?? 0) + 1,
    kind: draw.kind,
    record,
    prevHash,
    hash,
    at: draw.at,
  })
  return hash
}
