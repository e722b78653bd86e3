import type { ApplicationDetail } from '#db/repositories/applications'
import {
  readDraftDeclarations,
  readDraftProfile,
  readDraftSelfAssessment,
} from '#workflows/application/application-draft.schema'

/** The draft as the form shows it: each step's fields as the applicant last typed them, well-typed whatever the row holds. */
export function draftValues(
  row: Pick<
    ApplicationDetail,
    'profile' | 'category_code' | 'award_type' | 'project_name' | 'declarations' | 'self_assessment'
  >,
) {
  return {
    profile: readDraftProfile(row.profile),
    category: {
      categoryCode: row.category_code ?? '',
      awardType: row.award_type ?? '',
      projectName: row.project_name ?? '',
    },
    declarations: readDraftDeclarations(row.declarations),
    selfAssessment: readDraftSelfAssessment(row.self_assessment),
  }
}

export type DraftValues = ReturnType<typeof draftValues>

/** What the read-only application summary needs to name the award categories and the criteria categories. */
export function summaryHeadings(
  categories: ReadonlyArray<{ code: string; name_zh: string; name_en: string }>,
  tree: { categories: ReadonlyArray<{ code: string; name_zh: string; name_en: string; points: number }> },
) {
  return {
    categories: categories.map((c) => ({ code: c.code, name_zh: c.name_zh, name_en: c.name_en })),
    criteria: tree.categories.map((c) => ({ code: c.code, name_zh: c.name_zh, name_en: c.name_en, points: c.points })),
  }
}
