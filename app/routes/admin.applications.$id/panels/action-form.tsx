import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { CsrfInput } from '~/components/csrf-input'

/** Every secretariat action posts the application's version it was rendered from, with the CSRF token. */
export function ActionForm({
  version,
  children,
  className,
}: {
  version: number
  children: ReactNode
  className?: string
}) {
  return (
    <Form method="post" className={className}>
      <CsrfInput />
      <input type="hidden" name="version" value={version} />
      {children}
    </Form>
  )
}
