import { checkUscc, isShenzhenRegistered } from './uscc'
import {
  type ApplicationStep,
  categorySchema,
  type DeclarationKey,
  declarationKeys,
  eligibilitySchema,
  profileSchema,
  selfAssessmentSchema,
} from '#workflows/application/application.schema'

/** The stored draft: each step's fields as the applicant typed them. */
export interface DraftContent {
  profile: string | null
  category_code: string | null
  award_type: string | null
  project_name: string | null
  declarations: string | null
  self_assessment: string | null
}

function parseJson(json: string | null): unknown {
  if (json === null) return undefined
  try {
    return JSON.parse(json)
  } catch {
    return undefined
  }
}

/** The steps whose saved values would not pass their form today: an application is submittable when empty. */
export function missingSteps(draft: DraftContent, criteriaCategoryCount: number): ApplicationStep[] {
  const missing: ApplicationStep[] = []
  if (!profileSchema.safeParse(parseJson(draft.profile)).success) missing.push('profile')
  const category = categorySchema.safeParse({
    categoryCode: draft.category_code ?? '',
    awardType: draft.award_type ?? '',
    projectName: draft.project_name ?? '',
  })
  if (!category.success) missing.push('category')
  const eligibility = eligibilitySchema.safeParse(parseJson(draft.declarations))
  if (!eligibility.success || (draft.award_type === 'project' && !eligibility.data.projectInOperation)) {
    missing.push('eligibility')
  }
  const selfAssessment = selfAssessmentSchema.safeParse(parseJson(draft.self_assessment))
  if (!selfAssessment.success || selfAssessment.data.sections.length !== criteriaCategoryCount)
    missing.push('selfAssessment')
  return missing
}

/** Whole years between the registration date and today (the "registered for 3 years" condition). */
export function yearsSinceRegistration(registrationDate: string, today: string): number {
  const [y1, m1, d1] = registrationDate.split('-').map(Number) as [number, number, number]
  const [y2, m2, d2] = today.split('-').map(Number) as [number, number, number]
  let years = y2 - y1
  if (m2 < m1 || (m2 === m1 && d2 < d1)) years -= 1
  return years
}

/** A level's quota is set per cycle; a decision may not award a level whose places are all taken. */
/**
 * Whether a level may be given to an entry, and if not why (an i18n key): a level is for organisation entries or
 * for project entries (项目奖), and a level outside the quota (特别贡献奖) only in a cycle that gives it.
 */
export function levelRefusal(
  level: { award_type: string; outside_quota: number },
  entryAwardType: string | null,
  specialAwardEnabled: boolean,
): 'errors.levelNotForType' | 'errors.specialNotEnabled' | null {
  if (level.award_type !== (entryAwardType ?? 'organisation')) return 'errors.levelNotForType'
  if (level.outside_quota === 1 && !specialAwardEnabled) return 'errors.specialNotEnabled'
  return null
}

export function levelHasRoom(quota: number, otherHolders: number): boolean {
  return otherHolders < quota
}

/** The eligibility conditions that apply: every entry's, and the project condition for a project entry. */
export function applicableConditions(awardType: string | null): DeclarationKey[] {
  return declarationKeys.filter((key) => key !== 'projectInOperation' || awardType === 'project')
}

export type EligibilityProblem =
  | { kind: 'unconfirmed' | 'notMet'; condition: DeclarationKey }
  | { kind: 'registeredUnderThreeYears'; years: number | null }
  | { kind: 'notInShenzhen' }
  | { kind: 'noCreditCheck' }
  /** The credit code fails its check character; registered with the applicant's explanation, to be verified. */
  | { kind: 'usccCheckCharacter'; expected: string; explanation: string | null }

/**
 * What stands between an application and passing eligibility review (资格审核): each applicable condition must be
 * confirmed as met by the secretariat; the conditions that can be computed are computed (three years since
 * registration; a Shenzhen region code 4403 in the credit code or a Shenzhen registered address); and a credit
 * check must be on record. Passing with any of these open needs an explicit override with a reason.
 */
export function eligibilityProblems(input: {
  awardType: string | null
  registrationDate: string
  registeredAddress: string
  uscc: string
  usccExplanation: string | null
  confirmations: ReadonlyArray<{ condition_key: string; met: number }>
  creditChecks: number
  today: string
}): EligibilityProblem[] {
  const problems: EligibilityProblem[] = []
  for (const condition of applicableConditions(input.awardType)) {
    const confirmation = input.confirmations.find((c) => c.condition_key === condition)
    if (!confirmation) problems.push({ kind: 'unconfirmed', condition })
    else if (confirmation.met !== 1) problems.push({ kind: 'notMet', condition })
  }
  const years = /^\d{4}-\d{2}-\d{2}$/.test(input.registrationDate)
    ? yearsSinceRegistration(input.registrationDate, input.today)
    : null
  if (years === null || years < 3) problems.push({ kind: 'registeredUnderThreeYears', years })
  if (!isShenzhenRegistered(input.uscc) && !input.registeredAddress.includes('深圳'))
    problems.push({ kind: 'notInShenzhen' })
  if (input.creditChecks === 0) problems.push({ kind: 'noCreditCheck' })
  const code = checkUscc(input.uscc)
  if (!code.ok && code.problem === 'checkCharacter') {
    problems.push({ kind: 'usccCheckCharacter', expected: code.expected ?? '', explanation: input.usccExplanation })
  }
  return problems
}

/** The evidence a cycle requires, per award type: which conditions need at least one file before submission. */
export interface EvidenceRequirement {
  awardType: string
  condition: string
}

/**
 * The award's usual list for a new cycle: the business licence for three years' registration, the industry ranking
 * or audited accounts for standing, and for a project entry its completion and acceptance papers.
 */
export const defaultRequiredEvidence: ReadonlyArray<EvidenceRequirement> = [
  { awardType: 'organisation', condition: 'registeredThreeYears' },
  { awardType: 'organisation', condition: 'industryLeader' },
  { awardType: 'project', condition: 'registeredThreeYears' },
  { awardType: 'project', condition: 'industryLeader' },
  { awardType: 'project', condition: 'projectInOperation' },
]

/** The required conditions of this award type that have no evidence file yet, in the declaration's order. */
export function missingEvidence(
  required: ReadonlyArray<EvidenceRequirement>,
  awardType: string | null,
  evidence: ReadonlyArray<{ declaration_key: string | null }>,
): DeclarationKey[] {
  const needed = new Set(required.filter((r) => r.awardType === awardType).map((r) => r.condition))
  const present = new Set(evidence.map((file) => file.declaration_key))
  return applicableConditions(awardType).filter((condition) => needed.has(condition) && !present.has(condition))
}
