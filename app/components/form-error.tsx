import { useActionData } from '@remix-run/react'
import { useT } from '~/hooks/use-i18n'
import { keyOf } from '~/i18n'

interface ActionError {
  messageKey?: string
  vars?: Record<string, string | number>
  /** Set when the refusal belongs to one panel of the page, which shows it itself. */
  panel?: string
}

/** The message of a refused action, in the user's language, above the form. */
export function FormError({ vars }: { vars?: Record<string, string | number> }) {
  const data = useActionData<ActionError>()
  const t = useT()
  if (!data?.messageKey || data.panel) return null
  return (
    <p role="alert" className="alert">
      {t(keyOf(data.messageKey, 'errors.required'), { ...data.vars, ...vars })}
    </p>
  )
}
