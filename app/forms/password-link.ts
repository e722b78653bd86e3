import { z } from 'zod'
import { password } from './account'
import { email } from '#workflows/fields'

export const setPasswordSchema = z
  .object({ password, confirmPassword: z.string({ error: 'errors.required' }) })
  .refine((value) => value.password === value.confirmPassword, {
    path: ['confirmPassword'],
    message: 'errors.passwordMismatch',
  })

export const forgotPasswordSchema = z.object({ email })
