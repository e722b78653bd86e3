import { Link } from '@remix-run/react'
import { useT } from '~/hooks/use-i18n'

/** Where a page of a list stands, and links to the pages before and after it (kept in the URL with its filters). */
export function Pager(props: {
  page: { total: number; from: number; to: number; size: number }
  previous: string | null
  next: string | null
}) {
  const t = useT()
  return (
    <nav className="actions" aria-label={t('admin.pages')}>
      {props.page.total > 0 ? (
        <span className="guide" data-testid="page-range">
          {t('admin.pageRange', { from: props.page.from, to: props.page.to, total: props.page.total })}
        </span>
      ) : null}
      {props.previous ? (
        <Link rel="prev" to={props.previous}>
          {t('admin.previousPage', { size: props.page.size })}
        </Link>
      ) : null}
      {props.next ? (
        <Link rel="next" to={props.next}>
          {t('admin.nextPage', { size: props.page.size })}
        </Link>
      ) : null}
    </nav>
  )
}

/** The URL of the same list with a new cursor, its other parameters (filters, search) kept. */
export function pageHref(path: string, params: URLSearchParams, cursor: { after?: number; before?: number }): string {
  const next = new URLSearchParams(params)
  next.delete('after')
  next.delete('before')
  if (cursor.after !== undefined) next.set('after', String(cursor.after))
  if (cursor.before !== undefined) next.set('before', String(cursor.before))
  return `${path}?${next.toString()}`
}
