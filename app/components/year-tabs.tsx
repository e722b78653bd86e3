import { Link } from '@remix-run/react'
import { useT } from '~/hooks/use-i18n'

/** The published years of a public page as tabs: the one shown marked, the others a link away. Nothing for one year. */
export function YearTabs({
  years,
  shown,
  hrefOf,
}: {
  years: readonly number[]
  shown: number | undefined
  hrefOf: (year: number) => string
}) {
  const t = useT()
  if (years.length <= 1) return null
  return (
    <nav className="tabs" aria-label={t('results.years')}>
      {years.map((y) =>
        y === shown ? (
          <strong key={y} aria-current="page">
            {t('results.year', { year: y })}
          </strong>
        ) : (
          <Link key={y} to={hrefOf(y)}>
            {t('results.year', { year: y })}
          </Link>
        ),
      )}
    </nav>
  )
}
