import type { ReactNode } from 'react'
import { useT } from '~/hooks/use-i18n'

/** A label, the control, a hint and the error (an i18n key) tied to the control for screen readers. */
export function Field(props: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  const t = useT()
  return (
    <div className={`field${props.error ? ' has-error' : ''}`}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.hint ? <small id={`${props.id}-hint`}>{props.hint}</small> : null}
      {props.error ? (
        <span className="error" id={`${props.id}-error`} role="alert">
          {t(props.error)}
        </span>
      ) : null}
    </div>
  )
}
