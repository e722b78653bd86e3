import { z } from 'zod'
import { isPlaceholderName } from '#workflows/objection/objection.rules'
import { email, phone, requiredText } from '#workflows/fields'

/** A written, named objection with evidence: the rules do not accept anonymous ones. */
export const objectionSchema = z.object({
  name: requiredText(60).refine((name) => !isPlaceholderName(name), 'errors.realName'),
  organisation: z.string().trim().max(200, 'errors.tooLong').default(''),
  phone,
  email,
  content: requiredText(5000),
  evidence: requiredText(5000),
  /** A fresh token the page gives each form, so that sending it twice files one objection. */
  submissionToken: z
    .string()
    .regex(/^[0-9a-f-]{36}$/)
    .optional()
    .catch(undefined),
})

export const resolutionSchema = z.object({
  outcome: z.enum(['upheld', 'dismissed'], { error: 'errors.choose' }),
  resolution: requiredText(2000),
})
