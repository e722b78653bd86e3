import { type RefObject, useCallback, useEffect, useState } from 'react'
import { useT } from '~/hooks/use-i18n'

const boxes = (form: HTMLFormElement | null, name: string) =>
  form?.querySelectorAll<HTMLInputElement>(`input[type="checkbox"][name="${name}"]`) ?? []

/**
 * How many rows of a bulk form are ticked (issue 24: a bulk action names its count), kept as the boxes change; null
 * until the page runs, so that without JavaScript the form still posts as it is. `rows` re-counts when the list
 * changes (another page, a filter).
 */
export function useTickedCount(form: RefObject<HTMLFormElement | null>, name: string, rows: unknown) {
  const [counts, setCounts] = useState<{ ticked: number; rows: number } | null>(null)
  const recount = useCallback(() => {
    const all = [...boxes(form.current, name)]
    setCounts({ ticked: all.filter((box) => box.checked).length, rows: all.length })
  }, [form, name])
  useEffect(recount, [recount, rows])
  return {
    count: counts?.ticked ?? null,
    all: counts !== null && counts.rows > 0 && counts.ticked === counts.rows,
    recount,
  }
}

/** A box in the table's head that ticks or clears every row of this page (shown once the page runs). */
export function TickAll({
  form,
  name,
  all,
  onChange,
}: {
  form: RefObject<HTMLFormElement | null>
  name: string
  /** Every row ticked: the box shows it, and clears them all when used. */
  all: boolean
  onChange: () => void
}) {
  const t = useT()
  return (
    <input
      type="checkbox"
      aria-label={t('admin.tickAll')}
      checked={all}
      onChange={(event) => {
        for (const box of boxes(form.current, name)) box.checked = event.currentTarget.checked
        onChange()
      }}
    />
  )
}
