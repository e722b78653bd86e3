import { useActionData } from '@remix-run/react'
import { useEffect } from 'react'
import { useT } from '~/hooks/use-i18n'
import { keyOf } from '~/i18n'

interface PanelAnswer {
  messageKey?: string
  vars?: Record<string, string | number>
  fieldErrors?: Record<string, string>
  panel?: string
}

/** The refusal of this panel's form, inside the panel (a long page's top is out of sight). */
export function PanelError({ panel }: { panel: string }) {
  const data = useActionData<PanelAnswer>()
  const t = useT()
  // A refusal about one field is shown beside that field instead.
  if (!data?.messageKey || data.panel !== panel || Object.keys(data.fieldErrors ?? {}).length > 0) return null
  return (
    <p role="alert" className="alert" data-testid={`${panel}-error`}>
      {t(keyOf(data.messageKey, 'errors.required'), data.vars)}
    </p>
  )
}

/** A field's message right beside it, when the refusal names that field. */
export function InlineError({ panel, name }: { panel: string; name: string }) {
  const data = useActionData<PanelAnswer>()
  const t = useT()
  const key = data?.panel === panel ? data.fieldErrors?.[name] : undefined
  if (!key) return null
  return (
    <span className="error" role="alert" data-field-error={name}>
      {t(keyOf(key, 'errors.required'), data?.vars)}
    </span>
  )
}

/** A field of this panel's form's message (for a Field's error), when the refusal names it. */
export function usePanelFieldError(
  panel: string,
): (name: string) => { key: string; vars?: Record<string, string | number> } | undefined {
  const data = useActionData<PanelAnswer>()
  return (name) => {
    const key = data?.panel === panel ? data.fieldErrors?.[name] : undefined
    return key ? { key, vars: data?.vars } : undefined
  }
}

/**
 * After a refused action on a long page: scroll to the panel acted on and put the focus on the first field named
 * by the refusal (or the panel's message), and mark that field invalid for screen readers.
 */
export function usePanelFocus() {
  const data = useActionData<PanelAnswer>()
  useEffect(() => {
    if (!data?.panel) return
    const panel = document.getElementById(data.panel)
    if (!panel) return
    const names = Object.keys(data.fieldErrors ?? {})
    for (const name of names) {
      for (const control of panel.querySelectorAll(`[name="${CSS.escape(name)}"]`))
        control.setAttribute('aria-invalid', 'true')
    }
    const first = names.length > 0 ? panel.querySelector<HTMLElement>(`[name="${CSS.escape(names[0]!)}"]`) : null
    const target = first ?? panel.querySelector<HTMLElement>('[role="alert"]') ?? panel
    target.scrollIntoView({ block: 'center' })
    if (!first) target.setAttribute('tabindex', '-1')
    target.focus({ preventScroll: true })
    return () => {
      for (const control of panel.querySelectorAll('[aria-invalid="true"]')) control.removeAttribute('aria-invalid')
    }
  }, [data])
}
