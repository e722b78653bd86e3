import { z } from 'zod'
import { aggregations } from '#workflows/review/scoring'
import { beijingLocalToIso, isoToBeijingLocal } from '#workflows/time'
import { isoDate } from '#workflows/fields'

// Beijing time lives in the core (workflows/time.ts); the settings form converts with it.
export { beijingLocalToIso, isoToBeijingLocal }

/**
 * The deadline a settings form means. The form shows minutes; a deadline kept to the second (23:59:59.999, the
 * default) that the form shows unchanged stays exactly as it was, instead of moving 59 seconds earlier.
 */
export function deadlineFromForm(local: string, current: string): string {
  return local === isoToBeijingLocal(current) ? current : beijingLocalToIso(local)
}

/** A whole number typed into a settings field, within bounds; absent when an older form did not carry it. */
const wholeNumber = (min: number, max: number, tooSmall = 'errors.tooSmall') =>
  z
    .string()
    .trim()
    .regex(/^\d{1,4}$/, 'errors.wholeNumber')
    .transform(Number)
    .pipe(z.number().int().min(min, tooSmall).max(max, 'errors.numberTooLarge'))
    .optional()

export const cycleSettingsSchema = z.object({
  deadline: z
    .string({ error: 'errors.required' })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'errors.date')
    .refine((value) => !Number.isNaN(Date.parse(`${value}:00+08:00`)), 'errors.date'),
  minReviewers: z
    .string({ error: 'errors.required' })
    .regex(/^\d+$/, 'errors.wholeNumber')
    .transform(Number)
    .pipe(z.number().int().min(3, 'errors.minReviewers').max(15, 'errors.numberTooLarge')),
  aggregation: z.enum(aggregations as [string, ...string[]], { error: 'errors.choose' }),
  noticeDays: z
    .string({ error: 'errors.required' })
    .regex(/^\d+$/, 'errors.wholeNumber')
    .transform(Number)
    .pipe(z.number().int().min(5, 'errors.noticeAtLeast').max(30, 'errors.numberTooLarge')),
  consensusThreshold: z
    .string({ error: 'errors.required' })
    .regex(/^\d{1,4}$/, 'errors.wholeNumber')
    .transform((points) => Number(points) * 100)
    .pipe(z.number().max(100_000, 'errors.numberTooLarge')),
  // A checkbox: present ("on") when ticked, absent otherwise.
  normaliseReviewers: z
    .literal('on')
    .optional()
    .transform((value) => value === 'on'),
  // The draw's settings; a form without them (an older page) leaves them as they are.
  reviewersPerApplication: z
    .string()
    .regex(/^\d+$/, 'errors.wholeNumber')
    .transform(Number)
    .pipe(z.number().int().min(3, 'errors.minReviewers').max(15, 'errors.numberTooLarge'))
    .optional(),
  expertLoadCap: z
    .string()
    .regex(/^\d+$/, 'errors.wholeNumber')
    .transform(Number)
    .pipe(z.number().int().min(1, 'errors.tooSmall').max(500, 'errors.numberTooLarge'))
    .optional(),
  reminderDaysBefore: z
    .string()
    .regex(/^\d+$/, 'errors.wholeNumber')
    .transform(Number)
    .pipe(z.number().int().min(0, 'errors.tooSmall').max(60, 'errors.numberTooLarge'))
    .optional(),
  /** Empty: the cycle has no shortlist stage. */
  shortlistSize: z
    .string()
    .trim()
    .regex(/^\d{0,3}$/, 'errors.wholeNumber')
    .transform((value) => (value === '' ? null : Number(value)))
    .pipe(z.number().int().min(1, 'errors.tooSmall').max(200, 'errors.numberTooLarge').nullable())
    .optional(),
  /** Empty: any rating; 1 to 5: the lowest last rating a draw accepts. Absent on an older form: unchanged. */
  drawMinRating: z
    .string()
    .trim()
    .regex(/^[1-5]?$/, 'errors.choose')
    .transform((value) => (value === '' ? null : Number(value)))
    .optional(),
  /** The committee's quorum and majority: more than half, or at least two thirds. Absent on an older form: unchanged. */
  committeeQuorum: z.enum(['half', 'twoThirds'], { error: 'errors.choose' }).optional(),
  committeeMajority: z.enum(['half', 'twoThirds'], { error: 'errors.choose' }).optional(),
  reviewDueDate: z
    .string()
    .trim()
    .refine((value) => value === '' || isoDate.safeParse(value).success, 'errors.date')
    .optional(),
  socialDueDate: z
    .string()
    .trim()
    .refine((value) => value === '' || isoDate.safeParse(value).success, 'errors.date')
    .optional(),
  // The second half: the final score's weights (whole percentages; their sum is the workflow's rule), the defence's
  // length, the panel's and the team's sizes.
  weightDocument: wholeNumber(0, 100),
  weightDefence: wholeNumber(0, 100),
  weightSiteVisit: wholeNumber(0, 100),
  defenceMinutes: wholeNumber(10, 240),
  defencePanelSize: wholeNumber(1, 15),
  siteVisitTeamSize: wholeNumber(1, 10),
})

/** One field per award level, named by the level's id: quota_12 = "3". */
export const quotaFieldPrefix = 'quota_'
export const quotaValue = z
  .string()
  .regex(/^\d{1,3}$/, 'errors.wholeNumber')
  .transform(Number)
