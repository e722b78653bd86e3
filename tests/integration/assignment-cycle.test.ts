import { describe, expect, it } from 'vitest'
import * as migration from '../../db/migrations/0034_assignment_cycle'
import { countReviewerAssignments, insertAssignment } from '../../db/repositories/review'
import { inDocumentReview, world } from './helpers'

describe('each assignment carries its application\u2019s cycle (migration 0034)', () => {
  it('is filled on every insert, corrected if set wrong, backfilled by the migration, and counted per cycle', async () => {
    const w = await world()
    const application = await inDocumentReview(w, w.applicant)
    const cycles = async () =>
      (
        await w.db.selectFrom('assignments').select(['cycle_id']).where('application_id', '=', application.id).execute()
      ).map((row) => row.cycle_id)
    // The three experts inDocumentReview assigned, and one more by hand.
    const drawn = (await cycles()).length
    expect(drawn).toBe(3)
    const id = await insertAssignment(w.db, {
      applicationId: application.id,
      reviewerId: w.reviewers.at(-1)!.userId,
      assignedBy: w.admin.userId,
      at: new Date().toISOString(),
    })
    expect(await cycles()).toEqual(Array(drawn + 1).fill(w.cycle.id))
    // A wrong cycle written by mistake is put right.
    await w.db
      .updateTable('assignments')
      .set({ cycle_id: w.cycle.id + 1000 })
      .where('id', '=', id)
      .execute()
    expect(await cycles()).toEqual(Array(drawn + 1).fill(w.cycle.id))
    // Rows that existed before the migration get their cycle from it.
    await migration.down(w.db)
    await migration.up(w.db)
    expect(await cycles()).toEqual(Array(drawn + 1).fill(w.cycle.id))
    // The dashboard's counts: all in this cycle, none in others.
    const reviewer = w.reviewers[0]!.userId
    const counts = await countReviewerAssignments(w.db, reviewer, w.cycle.id)
    expect(counts.current.total).toBe(1)
    expect(counts.past).toEqual({ total: 0, invited: 0 })
    expect((await countReviewerAssignments(w.db, reviewer, w.cycle.id + 1000)).past.total).toBe(1)
  })
})
