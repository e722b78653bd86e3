import { useFetcher } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { useT } from '~/hooks/use-i18n'
import { formatFileSize } from '~/utils/format'
import { keyOf } from '~/i18n'

export interface AttachmentRow {
  id: number
  declaration_key: string | null
  filename: string
  size: number
}

/** The evidence of an application, with download links; with `removeAction`, the applicant may take items back. */
export function AttachmentList({ attachments, removeAction }: { attachments: AttachmentRow[]; removeAction?: string }) {
  const t = useT()
  if (attachments.length === 0) return <p>{t('attachments.none')}</p>
  return (
    <table data-testid="attachments-list">
      <tbody>
        {attachments.map((a) => (
          <tr key={a.id}>
            <td>
              <a href={`/attachments/${a.id}`}>{a.filename}</a>
            </td>
            <td>{a.declaration_key ? t(keyOf(`declaration.${a.declaration_key}`)) : t('attachments.general')}</td>
            <td className="num">{formatFileSize(a.size)}</td>
            {removeAction ? (
              <td>
                <RemoveButton action={removeAction} attachmentId={a.id} />
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Removal by fetcher, like the upload, so the step's unsaved answers stay on the page. */
function RemoveButton({ action, attachmentId }: { action: string; attachmentId: number }) {
  const t = useT()
  const fetcher = useFetcher()
  return (
    <fetcher.Form method="post" action={action}>
      <CsrfInput />
      <input type="hidden" name="attachmentId" value={attachmentId} />
      <button type="submit" className="link" disabled={fetcher.state !== 'idle'}>
        {t('attachments.remove')}
      </button>
    </fetcher.Form>
  )
}
