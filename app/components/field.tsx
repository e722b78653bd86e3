import type { ReactNode } from 'react'
import { useT } from '~/hooks/use-i18n'
import { keyOf } from '~/i18n'

/** A label, the control, a hint and the error (an i18n key) tied to the control for screen readers. */
export function Field(props: {
  id: string
  label: string
  hint?: string
  /** An i18n key, or a key with the values of its placeholders. */
  error?: string | { key: string; vars?: Record<string, string | number> }
  children: ReactNode
}) {
  const t = useT()
  const error = typeof props.error === 'string' ? { key: props.error, vars: undefined } : props.error
  return (
    <div className={`field${props.error ? ' has-error' : ''}`}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.hint ? <small id={`${props.id}-hint`}>{props.hint}</small> : null}
      {props.error ? (
        <span className="error" id={`${props.id}-error`} role="alert">
          {t(keyOf(error!.key, 'errors.required'), error!.vars)}
        </span>
      ) : null}
    </div>
  )
}
