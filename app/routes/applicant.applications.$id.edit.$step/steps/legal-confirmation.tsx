import { Form, useNavigation } from '@remix-run/react'
import { AttachmentUpload } from '~/components/attachment-upload'
import { CsrfInput } from '~/components/csrf-input'
import { Field } from '~/components/field'
import { InlineError, PanelError, usePanelFieldError, usePanelFocus } from '~/components/panel-error'
import { useLang, useT } from '~/hooks/use-i18n'
import { legalLetterKey } from '#workflows/application/legal-confirmation'
import { formatDateTime } from '~/utils/format'
import type { EditLoaderData } from '../loader.server'

/**
 * The legal representative's confirmation (法定代表人承诺, issue 22), the last thing before the submission: the
 * undertaking, the signed letter, and the representative's name typed as the profile names them.
 */
export function LegalConfirmation({ data }: { data: EditLoaderData }) {
  const t = useT()
  const lang = useLang()
  const navigation = useNavigation()
  const fieldError = usePanelFieldError('legal')
  usePanelFocus()
  const { legal } = data
  const id = data.application.id
  return (
    <div className="card" id="legal" data-testid="legal-confirmation" data-standing={legal.standing}>
      <h3>{t('legal.heading')}</h3>
      {legal.standing === 'current' ? (
        <p className="flash" role="status">
          ✓{' '}
          {t('legal.current', {
            name: legal.named,
            when: legal.confirmedAt ? formatDateTime(legal.confirmedAt, lang) : '',
            by: legal.confirmedBy ?? '',
          })}
        </p>
      ) : (
        <p
          className={legal.standing === 'behind' ? 'alert' : ''}
          role={legal.standing === 'behind' ? 'alert' : undefined}
        >
          {legal.standing === 'behind' ? t('legal.behind') : t('legal.intro')}
        </p>
      )}
      <blockquote className="undertaking">{t('legal.undertaking')}</blockquote>
      <h4>{t('legal.letter')}</h4>
      {legal.letter ? (
        <p>
          {t('legal.letterOnFile')}
          <a href={`/attachments/${legal.letter.id}`}>{legal.letter.filename}</a>
        </p>
      ) : null}
      {legal.standing === 'current' ? null : (
        <>
          <InlineError panel="legal" name="letter" />
          <AttachmentUpload
            action={`/applicant/applications/${id}/attachments`}
            declarationKey={legalLetterKey}
            label={t('legal.uploadLetter')}
          />
        </>
      )}
      {legal.standing === 'current' ? null : (
        <Form method="post">
          <CsrfInput />
          <PanelError panel="legal" />
          <input type="hidden" name="version" value={data.application.version} />
          <Field
            id="representative"
            label={t('legal.representative')}
            hint={legal.named ? t('legal.representativeHint', { name: legal.named }) : t('legal.profileFirst')}
            error={fieldError('representative')}
          >
            <input
              id="representative"
              name="representative"
              autoComplete="off"
              maxLength={60}
              aria-describedby="representative-hint"
              required
            />
          </Field>
          <label className="checkbox">
            <input type="checkbox" name="undertaking" required /> {t('legal.undertakingBox')}
          </label>
          <InlineError panel="legal" name="undertaking" />
          <button type="submit" name="intent" value="confirm" disabled={navigation.state === 'submitting'}>
            {t('legal.confirm')}
          </button>
        </Form>
      )}
    </div>
  )
}
