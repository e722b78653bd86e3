import { z } from 'zod'
import { awardTypes, declarationKeys, industries, selfScoreChoices } from './application.schema'
import { awardNow } from '#workflows/time'

/**
 * The shape a draft is stored in. A draft may be incomplete (any field empty, any text not yet valid) but
 * never ill-typed: every field is a string, the finances are three rows, the declarations are the known
 * conditions, and nothing else is kept (a posted `status` or `role` is dropped, not stored). The same
 * schemas read old rows, so a row saved before this existed reads as well-typed values too.
 *
 * `strict` (saving) refuses text over its length limit with the field's message; reading never refuses.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Text as typed; anything that is not a string (null, a nested object) becomes empty. */
function draftText(max: number, strict: boolean) {
  const text = z
    .unknown()
    .optional()
    .transform((value) => (typeof value === 'string' ? value : ''))
  return strict ? text.pipe(z.string().max(max, 'errors.tooLong')) : text
}

/** A value from a fixed list, or empty while the applicant has not chosen. */
function draftChoice<T extends readonly string[]>(choices: T) {
  return z
    .unknown()
    .optional()
    .transform((value) =>
      typeof value === 'string' && (choices as readonly string[]).includes(value) ? (value as T[number]) : '',
    )
}

function draftObject<S extends z.ZodRawShape>(shape: S) {
  return z
    .unknown()
    .optional()
    .transform((value) => (isRecord(value) ? value : {}))
    .pipe(z.object(shape))
}

export const financialYearsShown = 3

function schemas(strict: boolean) {
  const financialYear = draftObject({
    year: draftText(12, strict),
    revenue: draftText(16, strict),
    profit: draftText(16, strict),
  })
  const finances = z
    .unknown()
    .optional()
    .transform((value) => {
      const rows = Array.isArray(value) ? value.slice(0, financialYearsShown) : []
      const year = awardNow().getUTCFullYear()
      // Always the three rows the form shows, the missing ones for the last three calendar years.
      return Array.from(
        { length: financialYearsShown },
        (_, i) => rows[i] ?? { year: String(year - financialYearsShown + i) },
      )
    })
    .pipe(z.array(financialYear))
  const declaration = draftObject({ answer: draftChoice(['yes', 'no'] as const), explanation: draftText(1000, strict) })
  return {
    profile: draftObject({
      registeredAddress: draftText(200, strict),
      registrationDate: draftText(10, strict),
      legalRepresentative: draftText(60, strict),
      industry: draftChoice(industries),
      employees: draftText(12, strict),
      finances,
    }),
    category: draftObject({
      categoryCode: draftText(20, strict),
      awardType: draftChoice(awardTypes),
      projectName: draftText(200, strict),
    }),
    // Only the conditions that exist, and only those the applicant has touched.
    declarations: z
      .unknown()
      .optional()
      .transform((value) => {
        const record = isRecord(value) ? value : {}
        return Object.fromEntries(
          declarationKeys.filter((key) => Object.hasOwn(record, key)).map((key) => [key, record[key]]),
        )
      })
      .pipe(z.partialRecord(z.enum(declarationKeys), declaration)),
    selfAssessment: draftObject({
      sections: z
        .unknown()
        .optional()
        .transform((value) => (Array.isArray(value) ? value.slice(0, 20) : []))
        .pipe(z.array(draftText(30_000, strict))),
      // The applicant's own score per item, in the edition's item order: a 5 % step, or empty (not scored).
      selfScores: z
        .unknown()
        .optional()
        .transform((value) => (Array.isArray(value) ? value.slice(0, 60) : []))
        .pipe(z.array(draftChoice(selfScoreChoices))),
    }),
  }
}

/** For saving a step: over-long text is refused, everything else is made well-typed. */
export const draftSchemas = schemas(true)
/** For reading a stored draft, whenever and however it was saved. */
const readSchemas = schemas(false)

function parseStored(json: string | null): unknown {
  if (!json) return undefined
  try {
    return JSON.parse(json)
  } catch {
    return undefined
  }
}

export function readDraftProfile(json: string | null) {
  return readSchemas.profile.parse(parseStored(json))
}

export function readDraftDeclarations(json: string | null) {
  return readSchemas.declarations.parse(parseStored(json))
}

export function readDraftSelfAssessment(json: string | null) {
  return readSchemas.selfAssessment.parse(parseStored(json))
}

export type ProfileDraft = ReturnType<typeof readDraftProfile>
export type DeclarationsDraft = ReturnType<typeof readDraftDeclarations>
