import { z } from 'zod'
import { requiredText } from '#workflows/fields'
import { type Audience, audienceSchema } from '#workflows/notifications/group-message'

/**
 * The group-message form (admin.messages): the audience as chosen (a category, a status and an application are read
 * only for the audience they belong to), the subject and text, and on sending, the number of recipients the
 * secretariat confirmed.
 */
export const groupMessageSchema = z
  .object({
    intent: z.enum(['preview', 'send'], { error: 'errors.notAllowedNow' }),
    to: z.enum(['applicants', 'experts', 'panel', 'team'], { error: 'errors.choose' }),
    category: z.string().trim().max(40).default(''),
    status: z.string().trim().max(40).default(''),
    application: z.string().trim().max(12).default(''),
    subject: requiredText(120),
    body: requiredText(5000),
    confirmed: z.string().trim().max(12).default(''),
  })
  .superRefine((value, ctx) => {
    if ((value.to === 'panel' || value.to === 'team') && !/^\d{1,9}$/.test(value.application))
      ctx.addIssue({ code: 'custom', path: ['application'], message: 'errors.choose' })
    if (value.intent === 'send' && !/^\d{1,9}$/.test(value.confirmed))
      ctx.addIssue({ code: 'custom', path: ['confirmed'], message: 'errors.recipientsUnconfirmed' })
  })
  .transform((value, ctx) => {
    const audience = audienceSchema.safeParse(
      value.to === 'applicants'
        ? { to: 'applicants', category: value.category || undefined, status: value.status || undefined }
        : value.to === 'experts'
          ? { to: 'experts' }
          : { to: value.to, applicationId: Number(value.application) },
    )
    if (!audience.success) {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'errors.choose' })
      return z.NEVER
    }
    return {
      intent: value.intent,
      audience: audience.data as Audience,
      subject: value.subject,
      body: value.body,
      confirmed: value.intent === 'send' ? Number(value.confirmed) : null,
    }
  })
