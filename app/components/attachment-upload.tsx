import { useFetcher } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { CsrfInput } from '~/components/csrf-input'
import { declarationKeys } from '#workflows/application/application.schema'
import { useT } from '~/hooks/use-i18n'
import { keyOf } from '~/i18n'

/**
 * A separate multipart form beside the step's own form, sent by a fetcher: the page does not reload, so
 * answers typed but not yet saved stay where they are. Without JavaScript it is a plain form post.
 */
export function AttachmentUpload({
  action,
  declarationKey,
  label,
}: {
  action: string
  /** The one kind of file this form takes (the legal representative's letter), instead of a choice. */
  declarationKey?: string
  label?: string
}) {
  const t = useT()
  const fetcher = useFetcher<{ messageKey?: string }>()
  const form = useRef<HTMLFormElement>(null)
  useEffect(() => {
    if (fetcher.state === 'idle' && fetcher.data && !fetcher.data.messageKey) form.current?.reset()
  }, [fetcher.state, fetcher.data])
  return (
    <fetcher.Form ref={form} method="post" action={action} encType="multipart/form-data" className="actions">
      {fetcher.data?.messageKey ? (
        <p className="alert" role="alert">
          {t(keyOf(fetcher.data.messageKey, 'errors.required'))}
        </p>
      ) : null}
      <CsrfInput />
      <label>
        {t('attachments.file')}
        <input type="file" name="file" accept="application/pdf,image/png,image/jpeg" required />
      </label>
      {declarationKey ? (
        <input type="hidden" name="declarationKey" value={declarationKey} />
      ) : (
        <label>
          {t('attachments.for')}
          <select name="declarationKey" defaultValue="">
            <option value="">{t('attachments.general')}</option>
            {declarationKeys.map((key) => (
              <option key={key} value={key}>
                {t(`declaration.${key}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="submit" className="secondary" disabled={fetcher.state !== 'idle'}>
        {label ?? t('attachments.upload')}
      </button>
    </fetcher.Form>
  )
}
