import { Form } from '@remix-run/react'
import { useLang, useT } from '~/hooks/use-i18n'
import { localName } from '~/i18n'

interface CycleName {
  id: number
  name_zh: string
  name_en: string
}

/**
 * The secretariat's pages about one cycle (desk, ranking, analytics) show the current cycle and switch to any
 * earlier one (`?cycle=<id>`), so nothing of an earlier year is out of reach: an application submitted into last
 * year's cycle, its objections, its ranking. Shown only when there is more than one cycle; an earlier cycle is
 * named above the page so nobody mistakes it for this year's.
 */
export function CycleSwitch({ cycles, shown, current }: { cycles: CycleName[]; shown: CycleName; current: CycleName }) {
  const t = useT()
  const lang = useLang()
  if (cycles.length < 2) return null
  return (
    <>
      {shown.id !== current.id ? (
        <p className="notice" role="status" data-testid="earlier-cycle">
          {t('cycles.viewingEarlier', { name: localName(shown, lang), current: localName(current, lang) })}
        </p>
      ) : null}
      <Form method="get" className="actions" data-testid="cycle-switch">
        <label>
          {t('cycles.switch')}
          <select name="cycle" defaultValue={shown.id}>
            {cycles.map((cycle) => (
              <option key={cycle.id} value={cycle.id}>
                {localName(cycle, lang)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="secondary">
          {t('cycles.show')}
        </button>
      </Form>
    </>
  )
}
