import { z } from 'zod'
import { checkUscc, normaliseUscc } from '#workflows/application/uscc'
import { email, optionalText, phone, requiredText } from '#workflows/fields'

const usccProblemKeys = {
  length: 'errors.usccLength',
  characters: 'errors.usccCharacters',
  authority: 'errors.usccAuthority',
  organisationType: 'errors.usccOrganisationType',
  region: 'errors.usccRegion',
  organisationCode: 'errors.usccOrganisationCode',
  checkCharacter: 'errors.usccCheckCharacter',
} as const

/** An explanation must say something: a few characters is not a reason the secretariat can verify. */
const minimumExplanation = 10

/**
 * The registration's credit code and, for a code that fails only its check character (a few real ones do), the
 * applicant's explanation: such a code is registered with it and verified in eligibility review, never silently
 * accepted and never silently refused. Any other failure is refused with the part that is wrong.
 */
const usccWithExplanation = {
  uscc: requiredText(30),
  usccExplanation: optionalText(500),
}

function checkUsccWithExplanation(value: { uscc: string; usccExplanation: string }, ctx: z.RefinementCtx) {
  const result = checkUscc(value.uscc)
  if (result.ok) return
  if (result.problem !== 'checkCharacter') {
    ctx.addIssue({ code: 'custom', path: ['uscc'], message: usccProblemKeys[result.problem] })
  } else if (value.usccExplanation.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['uscc'], message: usccProblemKeys.checkCharacter })
  } else if (value.usccExplanation.length < minimumExplanation) {
    ctx.addIssue({ code: 'custom', path: ['usccExplanation'], message: 'errors.explanationShort' })
  }
}

/** Runs on the two fields alone, so their message appears while other fields are still empty. */
const whenUsccFieldsParse = (payload: z.core.ParsePayload) =>
  !payload.issues.some((issue) => issue.path?.[0] === 'uscc' || issue.path?.[0] === 'usccExplanation')

export const password = z
  .string({ error: 'errors.required' })
  .min(10, 'errors.passwordShort')
  .max(200, 'errors.tooLong')

export const registrationSchema = z
  .object({
    organisationName: requiredText(200),
    ...usccWithExplanation,
    contactPerson: requiredText(60),
    email,
    phone,
    password,
    confirmPassword: z.string({ error: 'errors.required' }),
  })
  .superRefine(checkUsccWithExplanation, { when: whenUsccFieldsParse })
  .refine((value) => value.password === value.confirmPassword, {
    path: ['confirmPassword'],
    message: 'errors.passwordMismatch',
    when: (payload) =>
      !payload.issues.some((issue) => issue.path?.[0] === 'password' || issue.path?.[0] === 'confirmPassword'),
  })
  .transform((value) => {
    const code = normaliseUscc(value.uscc)
    // The explanation is kept only where it explains something: a code that passes needs none.
    return { ...value, uscc: code, usccExplanation: checkUscc(code).ok ? null : value.usccExplanation }
  })

export type RegistrationInput = z.input<typeof registrationSchema>

export const loginSchema = z.object({
  email,
  password: z.string({ error: 'errors.required' }).min(1, 'errors.required').max(200, 'errors.tooLong'),
})

export const reviewerSchema = z.object({
  displayName: requiredText(60),
  email,
  expertise: requiredText(200),
  password,
})

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: 'errors.required' }).min(1, 'errors.required').max(200, 'errors.tooLong'),
    newPassword: password,
    confirmPassword: z.string({ error: 'errors.required' }),
  })
  .refine((value) => value.newPassword === value.confirmPassword, {
    path: ['confirmPassword'],
    message: 'errors.passwordMismatch',
  })
