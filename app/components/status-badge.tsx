import { useT } from '~/hooks/use-i18n'
import { keyOf } from '~/i18n'

export function StatusBadge({ status }: { status: string }) {
  const t = useT()
  return <span className={`status status-${status}`}>{t(keyOf(`status.${status}`))}</span>
}
