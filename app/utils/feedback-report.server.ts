import type { Executor } from '#db/repositories/types'
import { listFeedbackOfApplication } from '#db/repositories/review'
import { compareSelfScores, readSelfScores } from '#workflows/review/self-scoring'
import { bandOf, bands, formatPoints, sheetTotal } from '#workflows/review/scoring'
import { documentReference, submittedItemPercentages } from '#workflows/stages/site-visit.server'

interface CriteriaTree {
  categories: ReadonlyArray<{
    id: number
    code: string
    name_zh: string
    name_en: string
    points: number
    items: ReadonlyArray<{ id: number; code: string; name_zh: string; name_en: string; points: number }>
  }>
}

/**
 * The feedback report (反馈报告) of a published application per criteria category, without names: document
 * review's points for the category (from the percentage the review settled on per item: the consensus, or the
 * reviewers' suggested value), the scoring band of each item, and the reviewers' comments. What the page and its
 * PDF show.
 */
export async function feedbackByCategory(db: Executor, applicationId: number, tree: CriteriaTree) {
  const [comments, reference] = await Promise.all([
    listFeedbackOfApplication(db, applicationId),
    documentReference(db, applicationId),
  ])
  return tree.categories.map((c) => {
    const scored = c.items.filter((item) => reference.has(item.id))
    return {
      code: c.code,
      name_zh: c.name_zh,
      name_en: c.name_en,
      points:
        scored.length > 0
          ? formatPoints(
              sheetTotal(
                scored.map((item) => ({
                  categoryCode: c.code,
                  maxPoints: item.points,
                  percentage: reference.get(item.id)!,
                })),
              ),
            )
          : null,
      maxPoints: c.points,
      items: scored.map((item) => {
        const band = bands[bandOf(reference.get(item.id)!)]!
        return { code: item.code, name_zh: item.name_zh, name_en: item.name_en, band: `${band.from}–${band.to}%` }
      }),
      comments: comments
        .filter((comment) => comment.category_id === c.id)
        .map(({ strengths, opportunities }) => ({ strengths, opportunities })),
    }
  })
}

export type FeedbackByCategory = Awaited<ReturnType<typeof feedbackByCategory>>

/**
 * The applicant's self-scores beside the experts' document-review scores, item by item (issue 23): null when the
 * applicant scored itself on nothing. Read from the submitted sheets only: what counted, not drafts.
 */
export async function selfScoreReport(
  db: Executor,
  applicationId: number,
  tree: CriteriaTree,
  storedSelfScores: readonly string[],
) {
  const items = tree.categories.flatMap((c) => c.items.map((item) => ({ ...item, categoryCode: c.code })))
  const self = readSelfScores(storedSelfScores, items.length)
  if (self.every((value) => value === null)) return null
  const scores = await submittedItemPercentages(db, applicationId)
  return compareSelfScores(
    items.map((item, i) => ({
      categoryCode: item.categoryCode,
      code: item.code,
      name_zh: item.name_zh,
      name_en: item.name_en,
      points: item.points,
      self: self[i] ?? null,
      experts: scores.get(item.id) ?? [],
    })),
  )
}
