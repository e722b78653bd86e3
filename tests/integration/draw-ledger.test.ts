/**
 * Issue 23: the public draw ledger. Each draw of a cycle is appended, in its own transaction, to the cycle's hash
 * chain with experts and applicants as pseudonymous codes; the chain verifies and every record re-runs to its
 * choice; a record altered afterwards, or a chain rewritten to hide it, fails verification; the table refuses
 * changes.
 */
import { describe, expect, it } from 'vitest'
import { createApplicantAccount } from '../../db/factories'
import { ledgerEntries } from '../../db/repositories/draw-ledger'
import {
  chainInput,
  type LedgerEntry,
  type LedgerRecord,
  sha256Hex,
  verifyLedger,
} from '../../workflows/review/draw-ledger'
import { assignReviewer, drawForCategory } from '../../workflows/review/review.server'
import { advisedUntilLastYear, inDocumentReview, world } from './helpers'

function chainOf(w: Awaited<ReturnType<typeof world>>): Promise<LedgerEntry[]> {
  return ledgerEntries(w.db, w.cycle.id)
}

async function twoDraws() {
  const w = await world()
  await w.db.updateTable('cycles').set({ reviewers_per_application: 2 }).where('id', '=', w.cycle.id).execute()
  const first = await inDocumentReview(w, w.applicant, [], { categoryCode: 'economy' })
  const second = await inDocumentReview(w, w.otherApplicant, [], { categoryCode: 'economy' })
  await assignReviewer(w.db, { applicationId: first.id, reviewerId: w.reviewers[0]!.userId, actor: w.admin })
  // 专家3 advised 甲公司 until last year: in conflict with the first applicant.
  await advisedUntilLastYear(w, w.reviewers[3]!)
  await drawForCategory(w.db, { cycleId: w.cycle.id, categoryCode: 'economy', actor: w.admin, seed: 20261202 })
  const late = await createApplicantAccount(w.db, {
    n: w.cycle.year * 10 + 7,
    name: '丁公司',
    email: `d-${w.cycle.year}@t.example`,
    password: 'password-123',
  })
  await inDocumentReview(w, late, [], { categoryCode: 'economy' })
  await drawForCategory(w.db, { cycleId: w.cycle.id, categoryCode: 'economy', actor: w.admin, seed: 7 })
  return { w, first, second }
}

describe('the public draw ledger', () => {
  it('chains every draw of the cycle, in codes, and verifies: each hash, each link, each draw re-run', async () => {
    const { w } = await twoDraws()
    const chain = await chainOf(w)
    expect(chain.map((e) => [e.seq, e.kind])).toEqual([
      [1, 'draw'],
      [2, 'draw'],
    ])
    const verification = await verifyLedger(chain)
    expect(verification).toEqual({
      ok: true,
      head: chain[1]!.hash,
      entries: [
        { seq: 1, problems: [] },
        { seq: 2, problems: [] },
      ],
    })
    expect(chain[0]!.hash).toBe(await sha256Hex(chainInput('0'.repeat(64), chain[0]!.record)))
    expect(chain[1]!.prevHash).toBe(chain[0]!.hash)
    const [one, two] = chain.map((e) => JSON.parse(e.record) as LedgerRecord)
    // Pseudonyms only: no id, name or address of an expert or applicant is in a record.
    for (const text of chain.map((e) => e.record)) {
      expect(text).not.toMatch(/专家|甲公司|乙公司|@t\.example/)
      expect(text).not.toMatch(/"(id|expertId|applicationId)"/)
    }
    expect(one!.candidates.every((c) => /^E-[0-9A-F]{10}$/.test(c.code))).toBe(true)
    expect(one!.entries.map((e) => e.application).every((code) => /^A-[0-9A-F]{10}$/.test(code))).toBe(true)
    // The same expert has the same code in both draws of the cycle, so loads can be followed across draws.
    expect(two!.candidates.map((c) => c.code).sort()).toEqual(one!.candidates.map((c) => c.code).sort())
    // What the draw weighed is there, without the private part: the conflict's kind, not the organisation.
    const exclusions = one!.entries.flatMap((e) => e.exclusions)
    expect(exclusions).toContainEqual(expect.objectContaining({ reason: 'conflict', conflicts: ['consultingClient'] }))
    expect(exclusions).toContainEqual(expect.objectContaining({ reason: 'alreadyOnApplication' }))
  })

  it('fails a record altered afterwards, and a chain rewritten to hide it', async () => {
    const { w } = await twoDraws()
    const chain = await chainOf(w)
    const record = JSON.parse(chain[0]!.record) as LedgerRecord
    const entry = record.entries.find((e) => e.chosen.length > 0)!
    // Someone swaps the chosen expert for another candidate who was free.
    const other = record.candidates.find(
      (c) => !entry.chosen.includes(c.code) && !entry.exclusions.some((x) => x.expert === c.code),
    )!
    entry.chosen = [other.code, ...entry.chosen.slice(1)]
    const altered = JSON.stringify(record)

    const inPlace = [{ ...chain[0]!, record: altered }, chain[1]!]
    const caught = await verifyLedger(inPlace)
    expect(caught.ok).toBe(false)
    expect(caught.entries[0]!.problems).toEqual(['hash', 'replay'])

    // Rehashing that entry breaks the link of the next; rewriting the whole chain changes the published head and
    // still cannot make the draw re-run to the altered choice.
    const rehashed = await sha256Hex(chainInput(chain[0]!.prevHash, altered))
    const relinked = await verifyLedger([{ ...chain[0]!, record: altered, hash: rehashed }, chain[1]!])
    expect(relinked.entries.map((e) => e.problems)).toEqual([['replay'], ['link']])
    const second = { ...chain[1]!, prevHash: rehashed }
    second.hash = await sha256Hex(chainInput(rehashed, second.record))
    const rewritten = await verifyLedger([{ ...chain[0]!, record: altered, hash: rehashed }, second])
    expect(rewritten.entries.map((e) => e.problems)).toEqual([['replay'], []])
    expect(rewritten.head).not.toBe(chain[1]!.hash)
  })

  it('is append-only in the database: no entry can be changed, removed or replaced', async () => {
    const { w } = await twoDraws()
    const [first] = await chainOf(w)
    await expect(
      w.db.updateTable('draw_ledger').set({ record: '{}' }).where('cycle_id', '=', w.cycle.id).execute(),
    ).rejects.toThrow(/append-only/)
    await expect(w.db.deleteFrom('draw_ledger').where('cycle_id', '=', w.cycle.id).execute()).rejects.toThrow(
      /append-only/,
    )
    await expect(
      w.db
        .insertInto('draw_ledger')
        .values({
          cycle_id: w.cycle.id,
          seq: 1,
          kind: 'draw',
          record: '{}',
          prev_hash: first!.prevHash,
          hash: first!.hash,
          created_at: first!.createdAt,
        })
        .execute(),
    ).rejects.toThrow(/append-only/)
    expect((await chainOf(w))[0]).toEqual(first)
  })
})
