import type { ReactNode } from 'react'
import type { ExpertPerformance } from '#workflows/experts/performance'
import { useT } from '~/hooks/use-i18n'
import { keyOf } from '~/i18n'

export interface ExpertRating {
  rating: number
  note: string
}

/** An expert's record for a cycle (评审员绩效): for the secretariat on the expert's page, for the expert on theirs. */
export function ExpertPerformanceCard({
  record,
  year,
  rating,
  children,
}: {
  record: ExpertPerformance
  year: number
  rating: ExpertRating | null
  /** The secretariat's form to rate, on its page. */
  children?: ReactNode
}) {
  const t = useT()
  return (
    <div className="card" data-testid="expert-performance">
      <h2>{t('performance.heading', { year })}</h2>
      <dl className="summary">
        <dt>{t('performance.reviews')}</dt>
        <dd>
          {t('performance.reviewCounts', {
            reviews: record.reviews,
            submitted: record.submitted,
            onTime: record.onTime,
            late: record.late,
            open: record.open,
          })}
        </dd>
        <dt>{t('performance.declinedRecused')}</dt>
        <dd>{t('performance.declinedRecusedCounts', { declined: record.declined, recused: record.recused })}</dd>
        <dt>{t('performance.leniency')}</dt>
        <dd>{record.leniency === null ? '—' : t('performance.leniencyValue', { points: record.leniency })}</dd>
        <dt>{t('performance.deviation')}</dt>
        <dd>{record.deviation === null ? '—' : t('performance.deviationValue', { points: record.deviation })}</dd>
        <dt>{t('performance.rating')}</dt>
        <dd data-testid="expert-rating">
          {rating ? (
            <>
              {t(keyOf(`performance.ratingOption.${rating.rating}`))}
              <br />
              {rating.note}
            </>
          ) : (
            t('performance.notRated')
          )}
        </dd>
      </dl>
      {children}
      <p className="hint">{t('performance.hint')}</p>
    </div>
  )
}
