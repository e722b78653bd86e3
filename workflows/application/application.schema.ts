import { z } from 'zod'
import { addDays, awardNow, beijingToday } from '#workflows/time'
import { isoDate, optionalText, requiredText, wanYuan, wholeNumber } from '../fields'

/** The steps of the application form, in order. `summary` is where it is submitted. */
export const applicationSteps = ['profile', 'category', 'eligibility', 'selfAssessment', 'summary'] as const
export type ApplicationStep = (typeof applicationSteps)[number]

export const industries = [
  'manufacturing',
  'electronics',
  'software',
  'finance',
  'construction',
  'logistics',
  'healthcare',
  'education',
  'culture',
  'environment',
  'publicService',
  'other',
] as const

const financialYear = z.object({
  year: wholeNumber(1990),
  revenue: wanYuan({ allowNegative: false }),
  profit: wanYuan({ allowNegative: true }),
})

export const profileSchema = z.object({
  registeredAddress: requiredText(200),
  registrationDate: isoDate.refine((value) => value <= awardNow().toISOString().slice(0, 10), 'errors.dateNotPast'),
  legalRepresentative: requiredText(60),
  industry: z.enum(industries, { error: 'errors.choose' }),
  employees: wholeNumber(1),
  finances: z.array(financialYear).length(3, 'errors.threeYears'),
})

export const awardTypes = ['organisation', 'project'] as const

export const categorySchema = z
  .object({
    categoryCode: requiredText(20),
    awardType: z.enum(awardTypes, { error: 'errors.choose' }),
    projectName: optionalText(200),
  })
  .refine((value) => value.awardType !== 'project' || value.projectName.length > 0, {
    path: ['projectName'],
    message: 'errors.required',
  })

/** The eligibility conditions (申报条件) an applicant declares; the secretariat confirms each in 资格审核. */
export const declarationKeys = [
  'registeredThreeYears',
  'industryLeader',
  'noPenalty',
  'noAccident',
  'goodCredit',
  'projectInOperation',
] as const
export type DeclarationKey = (typeof declarationKeys)[number]

const declaration = z.object({
  answer: z.enum(['yes', 'no'], { error: 'errors.choose' }),
  explanation: requiredText(1000),
})

export const eligibilitySchema = z.object({
  registeredThreeYears: declaration,
  industryLeader: declaration,
  noPenalty: declaration,
  noAccident: declaration,
  goodCredit: declaration,
  /** Only asked of a project entry; an organisation leaves it out. */
  projectInOperation: declaration.optional(),
})

export const selfAssessmentLimit = 30_000

/** Characters as a reader counts them (code points), not UTF-16 units. */
export function countCharacters(text: string): number {
  // Code points, as [...text].length counts them, without building an array of one string per character
  // (a 26,000-character self-assessment): each surrogate pair is two UTF-16 units but one character.
  let pairs = 0
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i)
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        pairs++
        i++
      }
    }
  }
  return text.length - pairs
}

/** A self-score: the percentages an expert may give an item (5 % steps), as the form posts them. */
export const selfScoreChoices = Array.from({ length: 21 }, (_, i) => String(i * 5)) as readonly string[]

/**
 * One text per criteria category, in the edition's order (field names sections.0 ... sections.6); and, if the
 * applicant wishes, its own score per item in the edition's item order (selfScores.0 ... ), empty where not given.
 */
export const selfAssessmentSchema = z
  .object({
    sections: z.array(z.string().trim().min(1, 'errors.required')),
    selfScores: z
      .array(z.union([z.literal(''), z.enum(selfScoreChoices as [string, ...string[]])], { error: 'errors.choose' }))
      .max(60)
      .optional(),
  })
  .refine((value) => value.sections.reduce((sum, text) => sum + countCharacters(text), 0) <= selfAssessmentLimit, {
    path: ['total'],
    message: 'errors.selfAssessmentTooLong',
  })

export type ProfileInput = z.input<typeof profileSchema>
export type ProfileData = z.output<typeof profileSchema>
export type CategoryData = z.output<typeof categorySchema>
export type EligibilityData = z.output<typeof eligibilitySchema>
export type SelfAssessmentData = z.output<typeof selfAssessmentSchema>

export const reasonSchema = z.object({ reason: requiredText(2000) })

// Beijing dates live in the core (workflows/time.ts); the forms count with them too.
export { addDays, beijingToday }

/**
 * A return for correction (补正): what to correct, and by when (a Beijing date from today to 60 days ahead; the
 * corrected application is due by 24:00 that day).
 */
export const correctionSchema = reasonSchema.extend({
  dueDate: isoDate.refine((value) => {
    const today = beijingToday()
    return value >= today && value <= addDays(today, 60)
  }, 'errors.correctionDueDate'),
})
