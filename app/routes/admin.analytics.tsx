import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { listCycleNames } from '#db/repositories/cycles'
import { CycleSwitch } from '~/components/cycle-switch'
import { beijingToday } from '#workflows/application/application.schema'
import { ChartFigure, CountsTable } from '~/components/chart-figure'
import { useLang, useT } from '~/hooks/use-i18n'
import { localName } from '~/i18n'
import { distributionOf, leniencyOf, progressOf, selfJudgementOf, spreadsOf } from '~/utils/analytics.server'
import { barChartHeight, chartRows } from '~/utils/chart-limits'
import { requireCycleView } from '~/utils/current-cycle.server'
import { getLang, getTranslator } from '~/utils/i18n.server'
import { requireUser } from '~/utils/session.server'

/** 统计分析: four charts of the cycle, each with its figures as a table for screen readers and for copying. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, 'admin')
  const db = getDb()
  const { cycle, current } = await requireCycleView(request)
  const [lang, t] = await Promise.all([getLang(request), getTranslator(request)])
  const [progress, spreads, leniency, distribution, selfJudgement] = await Promise.all([
    progressOf(db, cycle.id, beijingToday()),
    spreadsOf(db, cycle),
    leniencyOf(db, cycle.id),
    distributionOf(db, cycle.id, lang, t('chart.noCategory')),
    selfJudgementOf(db, cycle.id, lang, t('selfJudgement.all')),
  ])
  return json({
    cycle: { id: cycle.id, name_zh: cycle.name_zh, name_en: cycle.name_en, threshold: cycle.consensus_threshold / 100 },
    cycles: await listCycleNames(db),
    current: { id: current.id, name_zh: current.name_zh, name_en: current.name_en },
    progress,
    spreads,
    leniency,
    distribution,
    selfJudgement,
  })
}

export default function Analytics() {
  const { cycle, cycles, current, progress, spreads, leniency, distribution, selfJudgement } =
    useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const noSheets = leniency.sheets === 0 ? t('chart.noSheets') : null
  return (
    <section>
      <h1>
        {t('analytics.heading')} · {localName(cycle, lang)}
      </h1>
      <p>
        <Link to="/admin">← {t('nav.admin')}</Link> · <Link to="/admin/experts/progress">{t('progress.heading')}</Link>
      </p>
      <CycleSwitch cycles={cycles} shown={cycle} current={current} />
      <ChartFigure
        id="progress-chart"
        caption={t('chart.progress')}
        alt={t('chart.progressAlt')}
        src={`/admin/charts/progress.svg?cycle=${cycle.id}`}
        height={barChartHeight(progress.length)}
        empty={progress.length === 0 ? t('chart.noAssignments') : null}
        note={progress.length > chartRows ? t('chart.firstRows', { count: chartRows }) : undefined}
        table={
          <table>
            <thead>
              <tr>
                <th>{t('admin.reviewer')}</th>
                <th className="num">{t('chart.submitted')}</th>
                <th className="num">{t('chart.open')}</th>
                <th className="num">{t('progress.overdue')}</th>
              </tr>
            </thead>
            <tbody>
              {progress.map((row, i) => (
                <tr key={i}>
                  <td>{row.name}</td>
                  <td className="num">{row.submitted}</td>
                  <td className="num">{row.onTime}</td>
                  <td className={`num${row.overdue > 0 ? ' error' : ''}`}>{row.overdue}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <ChartFigure
        id="spread-chart"
        caption={t('chart.spread')}
        alt={t('chart.spreadAlt', { threshold: cycle.threshold })}
        src={`/admin/charts/spread.svg?cycle=${cycle.id}`}
        height={barChartHeight(spreads.length)}
        empty={spreads.length === 0 ? (noSheets ?? t('chart.noSpreads')) : null}
        note={t('chart.spreadNote', { threshold: cycle.threshold })}
        table={
          <table>
            <thead>
              <tr>
                <th>{t('application.organisation')}</th>
                <th className="num">{t('chart.sheets')}</th>
                <th className="num">{t('chart.lowest')}</th>
                <th className="num">{t('chart.highest')}</th>
                <th className="num">{t('chart.difference')}</th>
              </tr>
            </thead>
            <tbody>
              {spreads.map((row) => (
                <tr key={row.applicationId}>
                  <td>
                    <Link to={`/admin/applications/${row.applicationId}`}>
                      #{row.applicationId} {row.organisation}
                    </Link>
                  </td>
                  <td className="num">{row.sheets}</td>
                  <td className="num">{row.min.toFixed(2)}</td>
                  <td className="num">{row.max.toFixed(2)}</td>
                  <td className={`num${row.beyondThreshold ? ' error' : ''}`}>{row.spread.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <ChartFigure
        id="leniency-chart"
        caption={t('chart.leniency')}
        alt={t('chart.leniencyAlt')}
        src={`/admin/charts/leniency.svg?cycle=${cycle.id}`}
        height={barChartHeight(leniency.reviewers.length)}
        empty={noSheets}
        note={
          leniency.cycleMean === null
            ? undefined
            : `${t('chart.leniencyNote', { mean: leniency.cycleMean.toFixed(2), sheets: leniency.sheets })}${leniency.reviewers.length > chartRows ? ` ${t('chart.extremes', { count: chartRows / 2 })}` : ''}`
        }
        table={
          <table>
            <thead>
              <tr>
                <th>{t('admin.reviewer')}</th>
                <th className="num">{t('chart.sheets')}</th>
                <th className="num">{t('chart.mean')}</th>
                <th className="num">{t('chart.standardDeviation')}</th>
                <th className="num">{t('chart.againstCycleMean')}</th>
              </tr>
            </thead>
            <tbody>
              {leniency.reviewers.map((row, i) => (
                <tr key={i}>
                  <td>{row.reviewer}</td>
                  <td className="num">{row.sheets}</td>
                  <td className="num">{row.mean.toFixed(2)}</td>
                  <td className="num">{row.spread.toFixed(2)}</td>
                  <td className="num">
                    {row.difference > 0 ? '+' : ''}
                    {row.difference.toFixed(2)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <ChartFigure
        id="distribution-chart"
        caption={t('chart.distribution')}
        alt={t('chart.distributionAlt')}
        src={`/admin/charts/distribution.svg?cycle=${cycle.id}`}
        height={320}
        empty={distribution.bins.length === 0 ? (noSheets ?? t('chart.noSheets')) : null}
        table={
          <CountsTable
            corner={t('chart.band')}
            columns={distribution.categories}
            rows={distribution.bins.map((bin, i) => ({
              key: bin,
              label: bin,
              counts: distribution.categories.map((c) => c.counts[i]!),
            }))}
          />
        }
      />
      <h2 id="self-judgement">{t('selfJudgement.heading')}</h2>
      <p className="guide">{t('selfJudgement.intro')}</p>
      {selfJudgement.rows.length === 0 ? (
        <p className="guide">{t('selfJudgement.none')}</p>
      ) : (
        <div className="scroll">
          <table data-testid="self-judgement">
            <thead>
              <tr>
                <th>{t('selfJudgement.category')}</th>
                <th className="num">{t('selfJudgement.applicants')}</th>
                <th className="num">{t('selfJudgement.meanSelf')}</th>
                <th className="num">{t('selfJudgement.meanExperts')}</th>
                <th className="num">{t('selfJudgement.meanGap')}</th>
                <th className="num">{t('selfJudgement.over')}</th>
                <th className="num">{t('selfJudgement.within')}</th>
                <th className="num">{t('selfJudgement.under')}</th>
              </tr>
            </thead>
            <tbody>
              {selfJudgement.rows.map((row) => (
                <tr key={row.categoryCode ?? ''} className={row.categoryCode === null ? 'total' : undefined}>
                  <td>{row.name}</td>
                  <td className="num">{row.applicants}</td>
                  <td className="num">{row.meanSelf}</td>
                  <td className="num">{row.meanExperts}</td>
                  <td className="num">{row.meanGap.startsWith('-') ? row.meanGap : `+${row.meanGap}`}</td>
                  <td className="num">{row.over}</td>
                  <td className="num">{row.within}</td>
                  <td className="num">{row.under}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {selfJudgement.partly + selfJudgement.none > 0 ? (
        <p className="guide">
          {t('selfJudgement.notCompared', { partly: selfJudgement.partly, none: selfJudgement.none })}
        </p>
      ) : null}
    </section>
  )
}
