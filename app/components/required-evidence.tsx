import { useT } from '~/hooks/use-i18n'
import { keyOf } from '~/i18n'

/**
 * The evidence this cycle requires for the entry's award type, each condition marked as filed or still missing,
 * so the applicant sees before submitting what the submission check will ask for.
 */
export function RequiredEvidence({ required, missing }: { required: readonly string[]; missing: readonly string[] }) {
  const t = useT()
  if (required.length === 0) return null
  return (
    <div data-testid="required-evidence">
      <p>{t('evidence.requiredIntro')}</p>
      <ul className="checklist">
        {required.map((condition) => {
          const filed = !missing.includes(condition)
          return (
            <li key={condition} className={filed ? '' : 'error'} data-filed={filed}>
              {filed ? '✓' : '✗'} {t(keyOf(`declaration.${condition}`))} ·{' '}
              {filed ? t('evidence.filed') : t('evidence.missing')}
            </li>
          )
        })}
      </ul>
    </div>
  )
}
