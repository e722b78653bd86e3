import { useFetcher } from '@remix-run/react'
import { type ReactNode, useEffect, useRef } from 'react'
import { CsrfInput } from '~/components/csrf-input'
import { useT } from '~/hooks/use-i18n'
import { keyOf } from '~/i18n'

/**
 * A multipart form sent by a fetcher (evidence, a department's letter): the page does not reload, so what is typed
 * elsewhere on it stays; a refusal shows at the top of the form, and a success clears the form for the next file.
 * Without JavaScript it is a plain form post. `children` get whether it is being sent, to disable the button.
 */
export function UploadForm({
  action,
  className,
  testId,
  children,
}: {
  action: string
  className?: string
  testId?: string
  children: (sending: boolean) => ReactNode
}) {
  const t = useT()
  const fetcher = useFetcher<{ messageKey?: string; vars?: Record<string, string | number> }>()
  const form = useRef<HTMLFormElement>(null)
  useEffect(() => {
    if (fetcher.state === 'idle' && fetcher.data && !fetcher.data.messageKey) form.current?.reset()
  }, [fetcher.state, fetcher.data])
  return (
    <fetcher.Form
      ref={form}
      method="post"
      action={action}
      encType="multipart/form-data"
      className={className}
      data-testid={testId}
    >
      {fetcher.data?.messageKey ? (
        <p className="alert" role="alert">
          {t(keyOf(fetcher.data.messageKey, 'errors.required'), fetcher.data.vars)}
        </p>
      ) : null}
      <CsrfInput />
      {children(fetcher.state !== 'idle')}
    </fetcher.Form>
  )
}
