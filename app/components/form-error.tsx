import { useActionData } from '@remix-run/react'
import { useT } from '~/hooks/use-i18n'

interface ActionError {
  messageKey?: string
  vars?: Record<string, string | number>
}

/** The message of a refused action, in the user's language, above the form. */
export function FormError({ vars }: { vars?: Record<string, string | number> }) {
  const data = useActionData<ActionError>()
  const t = useT()
  if (!data?.messageKey) return null
  return (
    <p role="alert" className="alert">
      {t(data.messageKey, { ...data.vars, ...vars })}
    </p>
  )
}
