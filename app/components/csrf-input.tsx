import { useCsrfToken } from '~/hooks/use-i18n'

/** Every form posts the CSRF token; the action compares it with the HttpOnly cookie. */
export function CsrfInput() {
  return <input type="hidden" name="csrf" value={useCsrfToken()} />
}
