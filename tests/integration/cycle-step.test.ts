import { describe, expect, it } from 'vitest'
import { listForCycleStep, loadApplicationForUpdate } from '../../db/repositories/applications'
import { applyToMany } from '../../workflows/application/application.server'
import { applicationMachine } from '../../workflows/application/application.machine'
import { serialiseSnapshot } from '../../workflows/application/application.snapshot'
import { createApplicantAccount, createCompleteDraft } from '../../db/factories'
import { rejection, world } from './helpers'

let made = 0

/** Applications put straight into a status with the snapshot the machine has there (context as given). */
async function inStatus(
  w: Awaited<ReturnType<typeof world>>,
  count: number,
  status: 'approved' | 'decided',
  awarded: boolean | null,
) {
  const ids: number[] = []
  for (let i = 0; i < count; i++) {
    made++
    const actor = await createApplicantAccount(w.db, {
      n: w.cycle.year * 1000 + 500 + made,
      name: `批量${made}`,
      email: `m${made}-${w.cycle.year}@t.example`,
      password: 'password-123',
    })
    const draft = await createCompleteDraft(w.db, actor, w.cycle.id, { evidence: false })
    const snapshot = serialiseSnapshot(
      applicationMachine.resolveState({ value: status, context: { corrections: 0, awarded } }),
    )
    await w.db.updateTable('applications').set({ status, snapshot }).where('id', '=', draft.id).execute()
    ids.push(draft.id)
  }
  return ids
}

describe('a step for many applications at once (publication, the notice)', () => {
  it('asks the machine once per distinct snapshot, moves every row on with its version, and writes an audit row and a notification each', async () => {
    const w = await world()
    const awarded = await inStatus(w, 3, 'approved', true)
    const notAwarded = await inStatus(w, 2, 'approved', false)
    const rows = await listForCycleStep(w.db, w.cycle.id, ['approved'])
    expect(rows).toHaveLength(5)
    const versions = new Map(rows.map((r) => [r.id, r.version]))
    await w.db
      .transaction()
      .execute((trx) =>
        applyToMany(trx, { rows, actor: w.admin, event: { type: 'PUBLISH' }, now: '2030-02-01T00:00:00.000Z' }),
      )
    for (const id of [...awarded, ...notAwarded]) {
      const row = (await loadApplicationForUpdate(w.db, id))!
      expect(row).toMatchObject({
        status: 'published',
        version: versions.get(id)! + 1,
        updated_at: '2030-02-01T00:00:00.000Z',
      })
      expect(JSON.parse(row.snapshot)).toMatchObject({ value: 'published', context: { awarded: awarded.includes(id) } })
    }
    const audit = await w.db
      .selectFrom('audit_log')
      .select(['entity_id', 'event', 'from_state', 'to_state'])
      .where('event', '=', 'PUBLISH')
      .where('entity_id', 'in', [...awarded, ...notAwarded])
      .execute()
    expect(audit).toHaveLength(5)
    expect(audit.every((a) => a.from_state === 'approved' && a.to_state === 'published')).toBe(true)
    expect(
      await w.db
        .selectFrom('outbox')
        .select('kind')
        .where('kind', '=', 'application.PUBLISH')
        .where('payload', 'like', `%"applicationId":${awarded[0]},%`)
        .execute(),
    ).toHaveLength(1)
  })

  it('moves nothing when one row cannot take the step, and refuses anyone but the secretariat', async () => {
    const w = await world()
    const approved = await inStatus(w, 2, 'approved', true)
    const decided = await inStatus(w, 1, 'decided', true)
    const rows = await listForCycleStep(w.db, w.cycle.id, ['approved', 'decided'])
    expect(
      (
        await rejection(
          w.db
            .transaction()
            .execute((trx) =>
              applyToMany(trx, { rows, actor: w.admin, event: { type: 'PUBLISH' }, now: '2030-02-01T00:00:00.000Z' }),
            ),
        )
      ).messageKey,
    ).toBe('errors.notAllowedNow')
    for (const id of approved) expect((await loadApplicationForUpdate(w.db, id))!.status).toBe('approved')
    expect((await loadApplicationForUpdate(w.db, decided[0]!))!.status).toBe('decided')
    expect(
      (
        await rejection(
          w.db.transaction().execute((trx) =>
            applyToMany(trx, {
              rows: rows.slice(0, 2),
              actor: w.reviewers[0]!,
              event: { type: 'PUBLISH' },
              now: '2030-02-01T00:00:00.000Z',
            }),
          ),
        )
      ).status,
    ).toBe(403)
  })
})
