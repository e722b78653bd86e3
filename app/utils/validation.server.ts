import type { z } from 'zod'
import { formDataToObject } from '~/forms/form-data'

/** Parses a form with its schema; on failure, the field errors as i18n keys by dotted path. */
export function parseForm<S extends z.ZodType>(
  schema: S,
  form: URLSearchParams,
): { ok: true; data: z.output<S> } | { ok: false; errors: Record<string, string> } {
  const result = schema.safeParse(formDataToObject(form))
  if (result.success) return { ok: true, data: result.data }
  const errors: Record<string, string> = {}
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.') || 'form'
    errors[path] ??= issue.message.startsWith('errors.') ? issue.message : 'errors.required'
  }
  return { ok: false, errors }
}
