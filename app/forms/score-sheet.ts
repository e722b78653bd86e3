import { z } from 'zod'
import { isValidPercentage } from '#workflows/review/scoring'

/** Field names of the score sheet, by criteria ids (stable within an edition). */
export const scoreField = (itemId: number) => `score_${itemId}`
export const strengthsField = (categoryId: number) => `strengths_${categoryId}`
export const opportunitiesField = (categoryId: number) => `opportunities_${categoryId}`

/** '' is "not scored yet" (allowed in a draft); anything else must be 0..100 in steps of 5. */
export const percentageField = z.union([
  z.literal(''),
  z
    .string()
    .regex(/^\d{1,3}$/, 'errors.percentage')
    .transform(Number)
    .refine(isValidPercentage, 'errors.percentage'),
])

export const commentField = z.string().trim().max(5000, 'errors.tooLong')
