import { z } from 'zod'
import { checkUscc } from '#workflows/application/uscc'
import { email, phone, requiredText } from './fields'

const usccProblemKeys = {
  length: 'errors.usccLength',
  characters: 'errors.usccCharacters',
  authority: 'errors.usccAuthority',
  organisationType: 'errors.usccOrganisationType',
  region: 'errors.usccRegion',
  organisationCode: 'errors.usccOrganisationCode',
  checkCharacter: 'errors.usccCheckCharacter',
} as const

export const uscc = requiredText(30).transform((value, ctx) => {
  const result = checkUscc(value)
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: usccProblemKeys[result.problem] })
    return z.NEVER
  }
  return result.code
})

export const password = z.string({ error: 'errors.required' }).min(10, 'errors.passwordShort').max(200, 'errors.tooLong')

export const registrationSchema = z
  .object({
    organisationName: requiredText(200),
    uscc,
    contactPerson: requiredText(60),
    email,
    phone,
    password,
    confirmPassword: z.string({ error: 'errors.required' }),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ['confirmPassword'],
    message: 'errors.passwordMismatch',
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
  .refine((value) => value.newPassword === value.confirmPassword, { path: ['confirmPassword'], message: 'errors.passwordMismatch' })
