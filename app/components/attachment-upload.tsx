import { UploadForm } from '~/components/upload-form'
import { declarationKeys } from '#workflows/application/application.schema'
import { useT } from '~/hooks/use-i18n'

/**
 * A separate multipart form beside the step's own form (./upload-form.tsx): answers typed but not yet saved stay
 * where they are.
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
  return (
    <UploadForm action={action} className="actions">
      {(sending) => (
        <>
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
          <button type="submit" className="secondary" disabled={sending}>
            {label ?? t('attachments.upload')}
          </button>
        </>
      )}
    </UploadForm>
  )
}
