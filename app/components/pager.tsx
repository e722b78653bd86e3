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

/**
 * The URL of the same list with some parameters changed (null or undefined drops one) and without its page
 * cursor unless one is given: a new filter or order starts at page one, a page link carries `after` or `before`.
 */
export function listHref(
  path: string,
  params: URLSearchParams,
  changes: Record<string, string | number | null | undefined>,
): string {
  const next = new URLSearchParams(params)
  next.delete('after')
  next.delete('before')
  for (const [name, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') next.delete(name)
    else next.set(name, String(value))
  }
  return `${path}?${next.toString()}`
}

/** The URL of the same list with a new cursor, its other parameters (filters, search) kept. */
export function pageHref(path: string, params: URLSearchParams, cursor: { after?: number; before?: number }): string {
  return listHref(path, params, cursor)
}
