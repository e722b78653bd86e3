import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { listAudit } from '../../db/repositories/audit'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import { confirmAsRepresentative, createCompleteDraft, evidencePdf } from '../../db/factories'
import { replaceRequiredEvidence } from '../../db/repositories/cycles'
import { addAttachment, removeAttachment } from '../../workflows/application/attachments.server'
import { diskStore } from '#db/attachment-store.server'
import {
  applyApplicationEvent,
  applyInTransaction,
  decideApplication,
  saveDraftStep,
  startApplication,
  submitApplication,
} from '../../workflows/application/application.server'
import { rejection, world } from './helpers'
import { isPostgres } from '#db/sql-dialect'

describe('application workflow service', () => {
  it('submits a complete draft and records who, when, from, to and the event', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    const result = await submitApplication(w.db, {
      applicationId: draft.id,
      actor: w.applicant,
      expectedVersion: draft.version,
      now: '2026-03-01T02:00:00.000Z',
    })
    expect(result).toEqual({ from: 'draft', to: 'submitted', version: draft.version + 1 })
    const row = await loadApplicationForUpdate(w.db, draft.id)
    expect(row).toMatchObject({
      status: 'submitted',
      version: draft.version + 1,
      submitted_at: '2026-03-01T02:00:00.000Z',
    })
    const audit = await listAudit(w.db, 'application', draft.id)
    expect(audit.map((a) => [a.from_state, a.to_state, a.event])).toEqual([
      [null, 'draft', 'CREATE'],
      ['draft', 'draft', 'LEGAL_CONFIRMATION'],
      ['draft', 'submitted', 'SUBMIT'],
    ])
    expect(audit[2]).toMatchObject({ at: '2026-03-01T02:00:00.000Z', actor_role: 'applicant' })
    const outbox = await w.db.selectFrom('outbox').selectAll().where('kind', '=', 'application.SUBMIT').execute()
    expect(outbox.some((m) => JSON.parse(m.payload).applicationId === draft.id)).toBe(true)
  })

  it('refuses to submit an incomplete draft and names the missing steps', async () => {
    const w = await world()
    const id = await startApplication(w.db, w.applicant, w.cycle.id)
    const error = await rejection(
      submitApplication(w.db, { applicationId: id, actor: w.applicant, expectedVersion: 1 }),
    )
    expect(error.messageKey).toBe('errors.incomplete')
    expect(error.message).toBe('profile,category,eligibility,selfAssessment')
    expect((await loadApplicationForUpdate(w.db, id))?.status).toBe('draft')
  })

  it('refuses to submit until the evidence the cycle requires is filed, and names the conditions still without it', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    const industryEvidence = await w.db
      .selectFrom('attachments')
      .select('id')
      .where('application_id', '=', draft.id)
      .where('declaration_key', '=', 'industryLeader')
      .executeTakeFirstOrThrow()
    await removeAttachment(w.db, { attachmentId: industryEvidence.id, actor: w.applicant })
    const error = await rejection(
      submitApplication(w.db, { applicationId: draft.id, actor: w.applicant, expectedVersion: draft.version }),
    )
    expect(error.messageKey).toBe('errors.evidenceMissing')
    expect(error.message).toBe('industryLeader')
    expect(await loadApplicationForUpdate(w.db, draft.id)).toMatchObject({ status: 'draft', version: draft.version })
    // A file filed for another condition does not count; one for this condition does.
    await addAttachment(w.db, diskStore, {
      applicationId: draft.id,
      actor: w.applicant,
      declarationKey: null,
      filename: '其他.pdf',
      bytes: evidencePdf('general'),
    })
    expect(
      (
        await rejection(
          submitApplication(w.db, { applicationId: draft.id, actor: w.applicant, expectedVersion: draft.version }),
        )
      ).messageKey,
    ).toBe('errors.evidenceMissing')
    await addAttachment(w.db, diskStore, {
      applicationId: draft.id,
      actor: w.applicant,
      declarationKey: 'industryLeader',
      filename: '行业排名.pdf',
      bytes: evidencePdf('ranking'),
    })
    // The legal representative confirmed the evidence as it was before the changes: they confirm it again.
    expect(
      (
        await rejection(
          submitApplication(w.db, { applicationId: draft.id, actor: w.applicant, expectedVersion: draft.version }),
        )
      ).messageKey,
    ).toBe('legal.confirmationBehind')
    const confirmed = await confirmAsRepresentative(w.db, w.applicant, draft.id, draft.version)
    expect(
      (await submitApplication(w.db, { applicationId: draft.id, actor: w.applicant, expectedVersion: confirmed })).to,
    ).toBe('submitted')
  })

  it("asks for no evidence the secretariat has taken off the cycle's list", async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    await w.db.deleteFrom('attachments').where('application_id', '=', draft.id).execute()
    await replaceRequiredEvidence(w.db, w.cycle.id, [{ awardType: 'project', condition: 'projectInOperation' }])
    expect(
      (await submitApplication(w.db, { applicationId: draft.id, actor: w.applicant, expectedVersion: draft.version }))
        .to,
    ).toBe('submitted')
  })

  it('refuses a first submission after the deadline', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    const error = await rejection(
      submitApplication(w.db, {
        applicationId: draft.id,
        actor: w.applicant,
        expectedVersion: draft.version,
        now: '3000-01-01T00:00:00.000Z',
      }),
    )
    expect(error.messageKey).toBe('errors.deadlinePassed')
  })

  it('refuses a stale version with a conflict and changes nothing', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    const submitted = await submitApplication(w.db, {
      applicationId: draft.id,
      actor: w.applicant,
      expectedVersion: draft.version,
    })
    const error = await rejection(
      applyApplicationEvent(w.db, {
        applicationId: draft.id,
        actor: w.admin,
        event: { type: 'START_ELIGIBILITY_REVIEW' },
        expectedVersion: submitted.version - 1,
      }),
    )
    expect(error.status).toBe(409)
    expect(error.messageKey).toBe('errors.staleVersion')
    expect(await loadApplicationForUpdate(w.db, draft.id)).toMatchObject({
      status: 'submitted',
      version: submitted.version,
    })
    expect(await listAudit(w.db, 'application', draft.id)).toHaveLength(3)
  })

  it('refuses a draft save from a form rendered before another save', async () => {
    const w = await world()
    const id = await startApplication(w.db, w.applicant, w.cycle.id)
    await saveDraftStep(w.db, {
      applicationId: id,
      actor: w.applicant,
      expectedVersion: 1,
      step: 'category',
      changes: { category_code: 'economy' },
    })
    const error = await rejection(
      saveDraftStep(w.db, {
        applicationId: id,
        actor: w.applicant,
        expectedVersion: 1,
        step: 'category',
        changes: { category_code: 'culture' },
      }),
    )
    expect(error.messageKey).toBe('errors.staleVersion')
    expect((await loadApplicationForUpdate(w.db, id))?.category_code).toBe('economy')
  })

  it('leaves nothing behind when the transaction fails after the transition was written', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    const boom = new Error('disk full')
    await expect(
      w.db.transaction().execute(async (trx) => {
        await applyInTransaction(trx, {
          applicationId: draft.id,
          actor: w.applicant,
          event: { type: 'SUBMIT' },
          expectedVersion: draft.version,
        })
        throw boom
      }),
    ).rejects.toBe(boom)
    expect(await loadApplicationForUpdate(w.db, draft.id)).toMatchObject({ status: 'draft', version: draft.version })
    expect((await listAudit(w.db, 'application', draft.id)).map((a) => a.event)).toEqual([
      'CREATE',
      'LEGAL_CONFIRMATION',
    ])
  })

  it('refuses a transition the machine does not allow in the current state', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    const error = await rejection(
      applyApplicationEvent(w.db, {
        applicationId: draft.id,
        actor: w.admin,
        event: { type: 'ACCEPT_ELIGIBILITY' },
        expectedVersion: draft.version,
      }),
    )
    expect(error.messageKey).toBe('errors.notAllowedNow')
  })

  it("lets no applicant act on another organisation's application, and hides that it exists", async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    const submit = await rejection(
      submitApplication(w.db, { applicationId: draft.id, actor: w.otherApplicant, expectedVersion: draft.version }),
    )
    expect(submit.status).toBe(404)
    const withdraw = await rejection(
      applyApplicationEvent(w.db, {
        applicationId: draft.id,
        actor: w.otherApplicant,
        event: { type: 'WITHDRAW', reason: 'x' },
        expectedVersion: draft.version,
      }),
    )
    expect(withdraw.status).toBe(404)
    const edit = await rejection(
      saveDraftStep(w.db, {
        applicationId: draft.id,
        actor: w.otherApplicant,
        expectedVersion: draft.version,
        step: 'profile',
        changes: { profile: '{}' },
      }),
    )
    expect(edit.status).toBe(404)
    expect(await loadApplicationForUpdate(w.db, draft.id)).toMatchObject({ status: 'draft', version: draft.version })
  })

  it('lets only the secretariat run eligibility review', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    const submitted = await submitApplication(w.db, {
      applicationId: draft.id,
      actor: w.applicant,
      expectedVersion: draft.version,
    })
    for (const actor of [w.applicant, w.reviewers[0]!]) {
      const error = await rejection(
        applyApplicationEvent(w.db, {
          applicationId: draft.id,
          actor,
          event: { type: 'START_ELIGIBILITY_REVIEW' },
          expectedVersion: submitted.version,
        }),
      )
      expect([403, 404]).toContain(error.status)
    }
  })

  it('returns for correction with a reason, lets the applicant edit and resubmit, and keeps the whole history', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    let version = (
      await submitApplication(w.db, { applicationId: draft.id, actor: w.applicant, expectedVersion: draft.version })
    ).version
    version = (
      await applyApplicationEvent(w.db, {
        applicationId: draft.id,
        actor: w.admin,
        event: { type: 'START_ELIGIBILITY_REVIEW' },
        expectedVersion: version,
      })
    ).version
    version = (
      await applyApplicationEvent(w.db, {
        applicationId: draft.id,
        actor: w.admin,
        event: { type: 'RETURN_FOR_CORRECTION', reason: '缺少信用报告' },
        expectedVersion: version,
      })
    ).version
    version = await saveDraftStep(w.db, {
      applicationId: draft.id,
      actor: w.applicant,
      expectedVersion: version,
      step: 'summary',
      changes: { category_code: 'service' },
    })
    version = await confirmAsRepresentative(w.db, w.applicant, draft.id, version)
    const resubmitted = await submitApplication(w.db, {
      applicationId: draft.id,
      actor: w.applicant,
      expectedVersion: version,
      now: '3000-01-01T00:00:00.000Z',
    })
    expect(resubmitted.to).toBe('submitted')
    const audit = await listAudit(w.db, 'application', draft.id)
    expect(audit.map((a) => a.event)).toEqual([
      'CREATE',
      'LEGAL_CONFIRMATION',
      'SUBMIT',
      'START_ELIGIBILITY_REVIEW',
      'RETURN_FOR_CORRECTION',
      'LEGAL_CONFIRMATION',
      'RESUBMIT',
    ])
    expect(audit[4]?.reason).toBe('缺少信用报告')
  })

  it('refuses a decision with a level of another category', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    const cultureGold = await w.db
      .selectFrom('award_levels')
      .select('id')
      .where('cycle_id', '=', w.cycle.id)
      .where('category_code', '=', 'culture')
      .where('code', '=', 'gold')
      .executeTakeFirstOrThrow()
    const error = await rejection(
      decideApplication(w.db, {
        applicationId: draft.id,
        actor: w.admin,
        expectedVersion: draft.version,
        levelId: cultureGold.id,
        reason: '',
      }),
    )
    expect(error.messageKey).toBe('errors.unknownLevel')
  })

  it('keeps the audit trail append-only: UPDATE and DELETE are refused by the database', async () => {
    const w = await world()
    const id = await startApplication(w.db, w.applicant, w.cycle.id)
    await expect(sql`UPDATE audit_log SET reason = 'rewritten' WHERE entity_id = ${id}`.execute(w.db)).rejects.toThrow(
      /append-only/,
    )
    await expect(sql`DELETE FROM audit_log WHERE entity_id = ${id}`.execute(w.db)).rejects.toThrow(/append-only/)
    expect(await listAudit(w.db, 'application', id)).toHaveLength(1)
  })

  it("refuses an insert that reuses an audit row's id, INSERT OR REPLACE included", async () => {
    const w = await world()
    const id = await startApplication(w.db, w.applicant, w.cycle.id)
    const [original] = await listAudit(w.db, 'application', id)
    const row = await w.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', id)
      .where('entity', '=', 'application')
      .executeTakeFirstOrThrow()
    // Each database's ways of writing over an existing row: SQLite's conflict clauses, refused by a trigger;
    // PostgreSQL's ON CONFLICT, refused by the update trigger, and a plain insert, refused by the primary key.
    const ways: Array<[string, string, RegExp | null]> = isPostgres(w.db)
      ? [
          ['INSERT', 'ON CONFLICT (id) DO UPDATE SET reason = excluded.reason', /append-only/],
          ['INSERT', '', /duplicate key/],
          ['INSERT', 'ON CONFLICT DO NOTHING', null],
        ]
      : [
          ['INSERT OR REPLACE', '', /append-only/],
          ['REPLACE', '', /append-only/],
          ['INSERT OR IGNORE', '', /append-only/],
          ['INSERT', '', /append-only/],
        ]
    for (const [verb, onConflict, refusal] of ways) {
      const statement = `${verb} INTO audit_log (id, entity, entity_id, actor_user_id, at, from_state, to_state, event, reason) VALUES (${row.id}, 'application', ${id}, NULL, '2000-01-01T00:00:00.000Z', NULL, 'draft', 'CREATE', 'rewritten') ${onConflict}`
      if (refusal) await expect(sql.raw(statement).execute(w.db), `${verb} ${onConflict}`).rejects.toThrow(refusal)
      else await sql.raw(statement).execute(w.db)
    }
    expect(await listAudit(w.db, 'application', id)).toEqual([original])
  })

  it('allows one application per organisation and cycle', async () => {
    const w = await world()
    await startApplication(w.db, w.applicant, w.cycle.id)
    const error = await rejection(startApplication(w.db, w.applicant, w.cycle.id))
    expect(error.messageKey).toBe('errors.alreadyApplied')
  })
})
