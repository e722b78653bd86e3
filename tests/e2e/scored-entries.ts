import { actingOffices } from '../../workflows/account/duties'
import type { Actor } from '../../workflows/application/application.policy'

/**
 * Culture entries of the demo's current cycle, each scored by three demo reviewers at one percentage on every item,
 * written straight through the workflows into the database at DATABASE_PATH (a test's own copy, before its server
 * starts): what the browser tests of the ranking's later stages start from. Returns each entry's application id,
 * with the secretariat's actor for whatever else the test prepares.
 */
export async function scoredCultureEntries(entries: ReadonlyArray<{ name: string; percentage: number; n: number }>) {
  const { getDb } = await import('../../db/client.server')
  const { acceptIntoReview, createApplicantAccount, createCompleteDraft } = await import('../../db/factories')
  const { getCurrentCycle } = await import('../../db/repositories/cycles')
  const { getCriteriaTree } = await import('../../db/repositories/criteria')
  const { assignReviewer, respondToAssignment, saveScoreSheet } = await import('../../workflows/review/review.server')
  const { demoPassword } = await import('../../db/seed')
  const db = getDb()
  const cycle = (await getCurrentCycle(db))!
  const tree = await getCriteriaTree(db, cycle.edition_id)
  const user = async (email: string, role: 'admin' | 'reviewer'): Promise<Actor> => {
    const row = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
    return { userId: row.id, role, organisationId: null, offices: role === 'admin' ? actingOffices : undefined }
  }
  const admin = await user('secretariat@award.example', 'admin')
  const reviewers = await Promise.all([1, 2, 3].map((n) => user(`reviewer${n}@award.example`, 'reviewer')))
  const ids: number[] = []
  for (const { name, percentage, n } of entries) {
    const actor = await createApplicantAccount(db, {
      n,
      name,
      email: `apply${n}@culture.example`,
      password: demoPassword,
    })
    const draft = await createCompleteDraft(db, actor, cycle.id, { categoryCode: 'culture' })
    await acceptIntoReview(db, { draft, applicant: actor, admin })
    for (const reviewer of reviewers) {
      await assignReviewer(db, { applicationId: draft.id, reviewerId: reviewer.userId, actor: admin })
      await respondToAssignment(db, { applicationId: draft.id, actor: reviewer, answer: 'accept' })
      await saveScoreSheet(db, {
        applicationId: draft.id,
        actor: reviewer,
        expectedVersion: null,
        scores: new Map(tree.categories.flatMap((c) => c.items.map((item) => [item.id, percentage] as const))),
        comments: new Map(
          tree.categories.map((c) => [c.id, { strengths: '方法系统', opportunities: '展开不足' }] as const),
        ),
        submit: true,
      })
    }
    ids.push(draft.id)
  }
  return { db, cycle, admin, ids }
}
