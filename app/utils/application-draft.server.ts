import type { ApplicationDetail } from '#db/repositories/applications'

function parseJson<T>(json: string | null, fallback: T): T {
  if (!json) return fallback
  try {
    return JSON.parse(json) as T
  } catch {
    return fallback
  }
}

export interface DeclarationValue {
  answer: string
  explanation: string
}

/** The draft as the form shows it: each step's fields as the applicant last typed them. */
export function draftValues(row: Pick<ApplicationDetail, 'profile' | 'category_code' | 'award_type' | 'project_name' | 'declarations' | 'self_assessment'>) {
  const year = new Date().getUTCFullYear()
  return {
    profile: parseJson(row.profile, {
      registeredAddress: '',
      registrationDate: '',
      legalRepresentative: '',
      industry: '',
      employees: '',
      finances: [year - 3, year - 2, year - 1].map((y) => ({ year: String(y), revenue: '', profit: '' })),
    }),
    category: { categoryCode: row.category_code ?? '', awardType: row.award_type ?? '', projectName: row.project_name ?? '' },
    declarations: parseJson<Record<string, DeclarationValue>>(row.declarations, {}),
    selfAssessment: parseJson<{ sections: string[] }>(row.self_assessment, { sections: [] }),
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
