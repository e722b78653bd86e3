import type { Executor } from '#db/repositories/types'
import { listFeedbackOfApplication } from '#db/repositories/review'

interface CriteriaTree {
  categories: ReadonlyArray<{ id: number; code: string; name_zh: string; name_en: string }>
}

/**
 * The reviewers' comments of a published application per criteria category, without names: what the page's
 * feedback report (反馈报告) and its PDF show.
 */
export async function feedbackByCategory(db: Executor, applicationId: number, tree: CriteriaTree) {
  const comments = await listFeedbackOfApplication(db, applicationId)
  return tree.categories.map((c) => ({
    code: c.code,
    name_zh: c.name_zh,
    name_en: c.name_en,
    comments: comments
      .filter((comment) => comment.category_id === c.id)
      .map(({ strengths, opportunities }) => ({ strengths, opportunities })),
  }))
}

export type FeedbackByCategory = Awaited<ReturnType<typeof feedbackByCategory>>
