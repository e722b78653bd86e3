import { Form, Link } from '@remix-run/react'
import { useLang, useT } from '~/hooks/use-i18n'
import { formatDateTime } from '~/utils/format'
import { CsrfInput } from './csrf-input'

/**
 * On every page of a rehearsal (演练): which rehearsal, its clock, that nothing is sent, and the way out. Nobody
 * working in a copy should take it for the award (decision record 0035).
 */
export function RehearsalBanner({ id, clock }: { id: number; clock: string }) {
  const t = useT()
  const lang = useLang()
  return (
    <div className="rehearsal-banner" role="note" data-testid="rehearsal-banner">
      <p>
        <strong>{t('rehearsal.banner', { number: id })}</strong>{' '}
        <span>{t('rehearsal.bannerClock', { clock: formatDateTime(clock, lang) })}</span>{' '}
        <span>{t('rehearsal.bannerNoMail')}</span>
      </p>
      <div className="actions">
        <Link to="/admin/rehearsals">{t('rehearsal.manage')}</Link>
        <Form method="post" action="/admin/rehearsals" className="inline">
          <CsrfInput />
          <input type="hidden" name="intent" value="leave" />
          <button type="submit" className="link">
            {t('rehearsal.leave')}
          </button>
        </Form>
      </div>
    </div>
  )
}
