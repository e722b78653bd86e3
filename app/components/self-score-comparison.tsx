import type { SelfScoreComparison } from '#workflows/review/self-scoring'
import { useLang, useT } from '~/hooks/use-i18n'
import { localName } from '~/i18n'

/**
 * One item's scores on a 0–100 % line: the experts' range as a band, their median as a tick, the applicant's own
 * score as a dot. Drawn inline (no script), so it prints and reads without the page's JavaScript.
 */
function GapLine({
  self,
  median,
  min,
  max,
  label,
}: {
  self: number
  median: number
  min: number
  max: number
  label: string
}) {
  const x = (percent: number) => 4 + percent * 1.92
  return (
    <svg className="gap-line" viewBox="0 0 200 16" width="200" height="16" role="img" aria-label={label}>
      <line x1={x(0)} x2={x(100)} y1="8" y2="8" className="axis" />
      <rect x={x(min)} width={Math.max(2, x(max) - x(min))} y="4" height="8" className="range" />
      <line x1={x(median)} x2={x(median)} y1="2" y2="14" className="median" />
      <circle cx={x(self)} cy="8" r="4" className="self" />
    </svg>
  )
}

/** The applicant's self-scores beside the experts' (feedback report, issue 23): per category, then the largest gaps. */
export function SelfScoreComparisonView({
  comparison,
  categoryNames,
}: {
  comparison: SelfScoreComparison
  categoryNames: ReadonlyArray<{ code: string; name_zh: string; name_en: string }>
}) {
  const t = useT()
  const lang = useLang()
  const signed = (gap: number) => (gap > 0 ? `+${gap}` : String(gap))
  return (
    <section data-testid="self-scores">
      <h3>{t('selfScore.comparisonHeading')}</h3>
      <p>{t('selfScore.comparisonIntro', { gap: comparison.meanAbsoluteGap })}</p>
      <div className="scroll">
        <table>
          <thead>
            <tr>
              <th>{t('selfScore.category')}</th>
              <th>{t('selfScore.selfPoints')}</th>
              <th>{t('selfScore.expertPoints')}</th>
              <th>{t('selfScore.gapPoints')}</th>
            </tr>
          </thead>
          <tbody>
            {comparison.categories.map((category) => {
              const named = categoryNames.find((c) => c.code === category.code)
              return (
                <tr key={category.code}>
                  <td>
                    {category.code} {named ? localName(named, lang) : ''}
                  </td>
                  <td>{category.selfPoints}</td>
                  <td>{category.expertPoints}</td>
                  <td>{category.gapPoints}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <p className="hint">{t('selfScore.legend')}</p>
      <div className="scroll">
        <table data-testid="self-score-items">
          <thead>
            <tr>
              <th>{t('selfScore.item')}</th>
              <th>{t('selfScore.self')}</th>
              <th>{t('selfScore.median')}</th>
              <th>{t('selfScore.range')}</th>
              <th>{t('selfScore.gap')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {comparison.items.map((item) => (
              <tr key={item.code}>
                <td>
                  {item.code} {localName(item, lang)}
                </td>
                <td>{item.self}%</td>
                <td>{item.median}%</td>
                <td className="nowrap">
                  {item.min}–{item.max}%
                </td>
                <td>{signed(item.gap)}</td>
                <td>
                  <GapLine
                    {...item}
                    label={t('selfScore.lineLabel', {
                      self: item.self,
                      median: item.median,
                      min: item.min,
                      max: item.max,
                    })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
