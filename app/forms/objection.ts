import { z } from 'zod'
import { email, phone, requiredText } from './fields'

/** A written, named objection with evidence: the rules do not accept anonymous ones. */
export const objectionSchema = z.object({
  name: requiredText(60),
  organisation: z.string().trim().max(200, 'errors.tooLong').default(''),
  phone,
  email,
  content: requiredText(5000),
  evidence: requiredText(5000),
})

export const resolutionSchema = z.object({
  outcome: z.enum(['upheld', 'dismissed'], { error: 'errors.choose' }),
  resolution: requiredText(2000),
})
