import { checkCharacterFor, organisationCodeCheck } from '#workflows/application/uscc'
import type { Actor } from '#workflows/application/application.policy'
import {
  applicableConditions,
  defaultRequiredEvidence,
  missingEvidence,
} from '#workflows/application/application.rules'
import { addAttachment } from '#workflows/application/attachments.server'
import { confirmAsLegalRepresentative } from '#workflows/application/legal-confirmation.server'
import { legalLetterKey } from '#workflows/application/legal-confirmation'
import { readDraftProfile } from '#workflows/application/application-draft.schema'
import { diskStore } from '#db/attachment-store.server'
import {
  applyApplicationEvent,
  saveDraftStep,
  startApplication,
  submitApplication,
} from '#workflows/application/application.server'
import { recordManualCreditCheck } from '#workflows/application/credit.server'
import { confirmEligibilityCondition } from '#workflows/application/eligibility.server'
import { loadApplicationForUpdate } from './repositories/applications'
import { hashPassword } from '#workflows/account/password-hash.server'
import type { DB } from './client.server'
import { getCriteriaTree, getEditionByCode } from './repositories/criteria'
import { createCycle, getCycle, listRequiredEvidence } from './repositories/cycles'
import { createOrganisation } from './repositories/organisations'
import { createUser, setOffices } from './repositories/users'
import type { Office } from './schema'
import { actingOffices } from '#workflows/account/duties'
import { insertExpert } from './repositories/experts'

/**
 * Builders for demo data and tests alike: the seed and the test suite create the same kinds of rows the same
 * way, through the same repositories and workflow services.
 */

/** A valid 统一社会信用代码 for a Shenzhen enterprise, different for each n. */
export function makeUscc(n: number): string {
  const organisation = `3${String(n).padStart(7, '0')}`.slice(0, 8)
  const body = `91440300${organisation}${organisationCodeCheck(organisation)}`
  return body + checkCharacterFor(body)
}

const hashes = new Map<string, Promise<string>>()
function cachedHash(password: string) {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password))
  return hashes.get(password)!
}

/** Each category's levels, best first, then the award types every category has (newest rules). */
export const awardCategories = [
  {
    code: 'economy',
    nameZh: '经济',
    nameEn: 'Economy',
    levels: ['gold', 'silver', 'bronze', 'nomination', 'project', 'special'],
  },
  {
    code: 'culture',
    nameZh: '文化',
    nameEn: 'Culture',
    levels: ['gold', 'silver', 'nomination', 'project', 'special'],
  },
  {
    code: 'society',
    nameZh: '社会',
    nameEn: 'Society',
    levels: ['gold', 'silver', 'nomination', 'project', 'special'],
  },
  {
    code: 'ecology',
    nameZh: '生态',
    nameEn: 'Ecology',
    levels: ['gold', 'silver', 'nomination', 'project', 'special'],
  },
  {
    code: 'management',
    nameZh: '管理',
    nameEn: 'Management',
    levels: ['gold', 'silver', 'nomination', 'project', 'special'],
  },
  {
    code: 'service',
    nameZh: '服务',
    nameEn: 'Service',
    levels: ['gold', 'silver', 'nomination', 'project', 'special'],
  },
] as const

const levelNames = {
  gold: { zh: '金奖', en: 'Gold award', quota: 2 },
  silver: { zh: '银奖', en: 'Silver award', quota: 2 },
  bronze: { zh: '铜奖', en: 'Bronze award', quota: 6 },
  nomination: { zh: '提名奖', en: 'Nomination award', quota: 2 },
  project: { zh: '项目奖', en: 'Project award', quota: 2, awardType: 'project' },
  special: { zh: '特别贡献奖', en: 'Special contribution award', quota: 0, outsideQuota: true },
} as const satisfies Record<
  string,
  { zh: string; en: string; quota: number; awardType?: 'project'; outsideQuota?: boolean }
>

/** The cycle of a year, with the 2019-reform categories and levels; the deadline defaults to 31 December, Beijing time. */
export async function createAwardCycle(
  db: DB,
  year: number,
  options: { deadline?: string; minReviewers?: number } = {},
) {
  const edition = await getEditionByCode(db, 'GB/T 19580-2012')
  if (!edition) throw new Error('criteria edition GB/T 19580-2012 missing: run the migrations first')
  const id = await createCycle(db, {
    year,
    nameZh: `${year}年度深圳市市长质量奖`,
    nameEn: `${year} Shenzhen Mayor's Quality Award`,
    editionId: edition.id,
    submissionDeadline: options.deadline ?? `${year}-12-31T15:59:59.999Z`,
    minReviewers: options.minReviewers ?? 3,
    categories: awardCategories.map((category) => ({
      code: category.code,
      nameZh: category.nameZh,
      nameEn: category.nameEn,
      levels: category.levels.map((level) => {
        const named: { zh: string; en: string; quota: number; awardType?: 'project'; outsideQuota?: boolean } =
          levelNames[level]
        return {
          code: level,
          nameZh: named.zh,
          nameEn: named.en,
          quota: named.quota,
          awardType: named.awardType ?? 'organisation',
          outsideQuota: named.outsideQuota ?? false,
        }
      }),
    })),
    requiredEvidence: defaultRequiredEvidence,
  })
  const cycle = await getCycle(db, id)
  return cycle!
}

export async function createApplicantAccount(
  db: DB,
  input: { n: number; name: string; email: string; password: string; contactPerson?: string },
): Promise<Actor> {
  const organisationId = await createOrganisation(db, {
    name: input.name,
    uscc: makeUscc(input.n),
    contactPerson: input.contactPerson ?? '王经理',
    phone: '13800138000',
    email: input.email,
  })
  const userId = await createUser(db, {
    email: input.email,
    passwordHash: await cachedHash(input.password),
    role: 'applicant',
    displayName: input.contactPerson ?? '王经理',
    organisationId,
  })
  return { userId, role: 'applicant', organisationId }
}

export async function createStaffAccount(
  db: DB,
  input: {
    role: 'reviewer' | 'admin'
    name: string
    email: string
    password: string
    /** A staff account's offices; by default the three that act (an account that does all the work, as before 0054). */
    offices?: readonly Office[]
    expertise?: string
    industries?: string[]
    employer?: string
  },
): Promise<Actor> {
  const userId = await createUser(db, {
    email: input.email,
    passwordHash: await cachedHash(input.password),
    role: input.role,
    displayName: input.name,
    organisationId: null,
    expertise: input.expertise ?? null,
  })
  // Every reviewer is an expert of the pool (an examiner unless said otherwise), active, without ties.
  if (input.role === 'reviewer') {
    await insertExpert(
      db,
      userId,
      {
        kind: 'examiner',
        fields: input.expertise ?? '',
        industries: input.industries ?? [],
        employerName: input.employer ?? '',
        employerUscc: null,
        qualification: '',
        active: true,
      },
      new Date().toISOString(),
    )
  }
  if (input.role === 'reviewer') return { userId, role: input.role, organisationId: null }
  const offices = input.offices ?? actingOffices
  await setOffices(db, userId, offices)
  return { userId, role: input.role, organisationId: null, offices }
}

/** Form values that pass every step, as an applicant would type them. */
export function completeDraftValues(categoryCount = 7) {
  const answer = (explanation: string) => ({ answer: 'yes', explanation })
  return {
    profile: {
      registeredAddress: '深圳市南山区科技园科苑路1号',
      registrationDate: '2010-05-18',
      legalRepresentative: '李明',
      industry: 'electronics',
      employees: '1200',
      finances: [
        { year: '2023', revenue: '52000', profit: '4100.5' },
        { year: '2024', revenue: '58000', profit: '4700' },
        { year: '2025', revenue: '63500.25', profit: '5200' },
      ],
    },
    category: { categoryCode: 'economy', awardType: 'organisation', projectName: '' },
    declarations: {
      registeredThreeYears: answer('营业执照注册于2010年。'),
      industryLeader: answer('2025年位列本市电子信息细分行业第5名。'),
      noPenalty: answer('近一年无行政处罚，见信用报告。'),
      noAccident: answer('近三年无安全事故及环境失信记录。'),
      goodCredit: answer('信用深圳查询无失信记录。'),
    },
    selfAssessment: {
      sections: Array.from(
        { length: categoryCount },
        (_, i) => `第${i + 1}部分自评：本单位建立了系统的方法并全面展开。`,
      ),
    },
  }
}

/** Starts an application and fills every step, through the same service the form uses. */
export async function createCompleteDraft(
  db: DB,
  actor: Actor,
  cycleId: number,
  overrides: {
    categoryCode?: string
    now?: string
    /** false: no evidence files (tests of the uploads themselves) */ evidence?: boolean
    /** The applicant's self-score for every item (a 5 % step, e.g. '80'); none by default. */
    selfScore?: string
    /** false: the legal representative has not confirmed it yet (tests of the confirmation itself) */
    confirmed?: boolean
  } = {},
) {
  const id = await startApplication(db, actor, cycleId, overrides.now)
  const values = completeDraftValues()
  const cycle = await getCycle(db, cycleId)
  const selfScores = overrides.selfScore
    ? (await getCriteriaTree(db, cycle!.edition_id)).categories.flatMap((c) => c.items).map(() => overrides.selfScore!)
    : undefined
  const version = await saveDraftStep(db, {
    applicationId: id,
    actor,
    expectedVersion: 1,
    step: 'summary',
    changes: {
      profile: JSON.stringify(values.profile),
      category_code: overrides.categoryCode ?? values.category.categoryCode,
      award_type: values.category.awardType,
      project_name: null,
      declarations: JSON.stringify(values.declarations),
      self_assessment: JSON.stringify({ ...values.selfAssessment, ...(selfScores ? { selfScores } : {}) }),
    },
    now: overrides.now,
  })
  // The evidence the cycle requires for an organisation entry, as the applicant uploads it.
  const required = overrides.evidence === false ? [] : await listRequiredEvidence(db, cycleId)
  for (const condition of missingEvidence(required, values.category.awardType, [])) {
    await addAttachment(db, diskStore, {
      applicationId: id,
      actor,
      declarationKey: condition,
      filename: evidenceNames[condition] ?? `${condition}.pdf`,
      bytes: evidencePdf(condition),
      now: overrides.now,
    })
  }
  if (overrides.confirmed === false) return { id, version }
  return { id, version: await confirmAsRepresentative(db, actor, id, version, overrides.now) }
}

/**
 * What the applicant does last before submitting: uploads the signed letter and has the legal representative named
 * in the profile confirm the application (issue 22). Returns the application's version after it.
 */
export async function confirmAsRepresentative(
  db: DB,
  actor: Actor,
  applicationId: number,
  version: number,
  now?: string,
) {
  await addAttachment(db, diskStore, {
    applicationId,
    actor,
    declarationKey: legalLetterKey,
    filename: '法定代表人承诺书.pdf',
    bytes: evidencePdf('legal representative letter'),
    now,
  })
  const row = await loadApplicationForUpdate(db, applicationId)
  return confirmAsLegalRepresentative(db, {
    applicationId,
    actor,
    expectedVersion: version,
    representative: readDraftProfile(row!.profile).legalRepresentative ?? '',
    undertaking: true,
    now,
  })
}

/** What an applicant's evidence for each condition is usually called. */
const evidenceNames: Record<string, string> = {
  registeredThreeYears: '营业执照.pdf',
  industryLeader: '行业排名证明及审计报告.pdf',
  projectInOperation: '项目竣工验收报告.pdf',
}

/** A small but real PDF, different per condition, as an evidence file. */
export function evidencePdf(label: string): Uint8Array {
  return new TextEncoder().encode(`%PDF-1.4\n% evidence: ${label}\n%%EOF\n`)
}

/**
 * What the secretariat does in eligibility review before passing an application: a clean credit check on record
 * and every applicable condition confirmed as met, through the same services its page uses.
 */
export async function completeEligibilityChecks(
  db: DB,
  admin: Actor,
  applicationId: number,
  now?: string,
): Promise<void> {
  await recordManualCreditCheck(db, {
    applicationId,
    actor: admin,
    dishonest: false,
    summary: '信用中国、信用深圳查询：无失信记录。',
    now,
  })
  const application = await loadApplicationForUpdate(db, applicationId)
  for (const condition of applicableConditions(application?.award_type ?? null)) {
    await confirmEligibilityCondition(db, { applicationId, actor: admin, condition, met: true, note: '', now })
  }
}

/**
 * A complete draft submitted by its applicant and accepted into document review by the secretariat, eligibility
 * checked between, each step through the application's machine; `at` dates the steps (demo data set in the past).
 * The application's version after acceptance.
 */
export async function acceptIntoReview(
  db: DB,
  input: {
    draft: { id: number; version: number }
    applicant: Actor
    admin: Actor
    at?: { submit: string; start: string; checks: string; accept: string }
  },
): Promise<number> {
  const { draft, admin, at } = input
  let version = (
    await submitApplication(db, {
      applicationId: draft.id,
      actor: input.applicant,
      expectedVersion: draft.version,
      now: at?.submit,
    })
  ).version
  version = (
    await applyApplicationEvent(db, {
      applicationId: draft.id,
      actor: admin,
      event: { type: 'START_ELIGIBILITY_REVIEW' },
      expectedVersion: version,
      now: at?.start,
    })
  ).version
  await completeEligibilityChecks(db, admin, draft.id, at?.checks)
  return (
    await applyApplicationEvent(db, {
      applicationId: draft.id,
      actor: admin,
      event: { type: 'ACCEPT_ELIGIBILITY' },
      expectedVersion: version,
      now: at?.accept,
    })
  ).version
}
