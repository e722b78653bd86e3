import { reviewerLeniency, scoreHistogram, widestSpreads } from '#db/repositories/analytics'
import { listCycleCategories } from '#db/repositories/cycles'
import { reviewerProgress } from '#db/repositories/review'
import { selfJudgementRows } from '#db/repositories/self-totals'
import { selfJudgement } from '#workflows/review/self-scoring'
import type { Executor } from '#db/repositories/types'
import { type Lang, localName, type Translate } from '~/i18n'
import { barChartHeight, chartRows } from './chart-limits'
import { renderSvg } from './charts.server'
import { byGeneration } from './generation-cache.server'

/**
 * The secretariat's analytics (统计分析): reviewers' progress, the applications whose reviewers disagree most,
 * each reviewer's leniency against the cycle, and how document scores spread per category. Each has an SVG
 * chart and the same figures as a table. Points here are points (the repositories give hundredths). What is read
 * from sheets and standings is kept per cycle generation (a sheet submitted moves its application's standing, and
 * with it the generation); the progress, which moves with assignments and the date, is read each time.
 */

const points = (hundredths: number) => Math.round(hundredths) / 100

export async function progressOf(db: Executor, cycleId: number, today: string) {
  const rows = await reviewerProgress(db, cycleId, today)
  return rows.map((row) => {
    const open = row.invited + row.accepted + row.inProgress
    return { name: row.name, submitted: row.submitted, onTime: open - row.overdue, overdue: row.overdue }
  })
}
export type Progress = Awaited<ReturnType<typeof progressOf>>

export async function spreadsOf(db: Executor, cycle: { id: number; consensus_threshold: number }) {
  const rows = await byGeneration(db, cycle.id, 'widestSpreads', () => widestSpreads(db, cycle.id, 30))
  return rows.map((row) => ({
    applicationId: row.applicationId,
    organisation: row.organisation,
    sheets: row.sheets,
    min: points(row.min),
    max: points(row.max),
    spread: points(row.max - row.min),
    beyondThreshold: row.max - row.min > cycle.consensus_threshold,
    totals: row.totals.map((t) => ({ reviewer: t.reviewer, total: points(t.total) })),
  }))
}
export type Spreads = Awaited<ReturnType<typeof spreadsOf>>

export async function leniencyOf(db: Executor, cycleId: number) {
  const { cycleMean, sheets, reviewers } = await byGeneration(db, cycleId, 'leniency', () =>
    reviewerLeniency(db, cycleId),
  )
  return {
    cycleMean: cycleMean === null ? null : points(cycleMean),
    sheets,
    reviewers: reviewers
      .map((r) => ({
        reviewer: r.reviewer,
        sheets: r.sheets,
        mean: points(r.mean),
        spread: points(r.spread),
        difference: points(r.mean - (cycleMean ?? 0)),
      }))
      .sort((a, b) => b.difference - a.difference),
  }
}
export type Leniency = Awaited<ReturnType<typeof leniencyOf>>

/** Bins of 50 points. */
export const binWidth = 5_000

export async function distributionOf(db: Executor, cycleId: number, lang: Lang, noCategory: string) {
  const [histogram, categories] = await Promise.all([
    byGeneration(db, cycleId, 'histogram', () => scoreHistogram(db, cycleId, binWidth)),
    listCycleCategories(db, cycleId),
  ])
  if (histogram.length === 0)
    return { bins: [] as string[], categories: [] as Array<{ code: string; name: string; counts: number[] }> }
  // From the lowest bin with an application to the top, so the chart is not mostly empty on the left.
  const first = Math.min(...histogram.map((h) => h.bin))
  const last = Math.ceil(100_000 / binWidth) - 1
  const bins = Array.from(
    { length: last - first + 1 },
    (_, i) => `${((first + i) * binWidth) / 100}–${((first + i + 1) * binWidth) / 100}`,
  )
  const columns = [
    ...categories.map((c) => ({ code: c.code, name: localName(c, lang) })),
    { code: '', name: noCategory },
  ]
  return {
    bins,
    categories: columns
      .map((column) => ({
        ...column,
        counts: bins.map((_, i) =>
          histogram
            .filter((h) => (h.category ?? '') === column.code && h.bin === first + i)
            .reduce((sum, h) => sum + h.count, 0),
        ),
      }))
      .filter((c) => c.counts.some((n) => n > 0)),
  }
}
export type Distribution = Awaited<ReturnType<typeof distributionOf>>

const green = '#16a34a'
const blue = '#3b82f6'
const red = '#dc2626'
const amber = '#f59e0b'

/** Each expert's reviews as a stacked bar: submitted, open within the due date, overdue. */
export function progressSvg(progress: Progress, t: Translate): Promise<string> {
  // With many experts, those with the most overdue and then open reviews: the ones to chase.
  const rows = [...progress]
    .sort((a, b) => b.overdue - a.overdue || b.onTime - a.onTime)
    .slice(0, chartRows)
    .reverse()
  return renderSvg(
    {
      color: [green, blue, red],
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 36, bottom: 24, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((r) => r.name) },
      series: [
        { type: 'bar', stack: 'all', name: t('chart.submitted'), data: rows.map((r) => r.submitted) },
        { type: 'bar', stack: 'all', name: t('chart.open'), data: rows.map((r) => r.onTime) },
        { type: 'bar', stack: 'all', name: t('progress.overdue'), data: rows.map((r) => r.overdue) },
      ],
    },
    { width: 720, height: barChartHeight(rows.length) },
  )
}

/** Per application, a bar from the lowest to the highest reviewer's total, red beyond the consensus threshold, and a dot per sheet. */
export function spreadSvg(spreads: Spreads, t: Translate): Promise<string> {
  const rows = [...spreads].reverse()
  const label = (s: Spreads[number]) =>
    `#${s.applicationId} ${s.organisation.length > 12 ? `${s.organisation.slice(0, 12)}…` : s.organisation}`
  return renderSvg(
    {
      legend: { top: 0, data: [t('chart.range'), t('chart.sheetTotal')] },
      grid: { left: 8, right: 24, top: 36, bottom: 36, containLabel: true },
      xAxis: { type: 'value', scale: true, name: t('review.points'), nameLocation: 'middle', nameGap: 26 },
      yAxis: { type: 'category', data: rows.map(label) },
      series: [
        // An invisible bar up to the lowest total, so the visible one spans lowest to highest.
        {
          type: 'bar',
          stack: 'range',
          silent: true,
          itemStyle: { color: 'transparent' },
          data: rows.map((s) => s.min),
        },
        {
          type: 'bar',
          stack: 'range',
          name: t('chart.range'),
          color: amber,
          data: rows.map((s) => ({
            value: Math.max(s.spread, 0.5),
            itemStyle: { color: s.beyondThreshold ? red : amber },
          })),
        },
        {
          type: 'scatter',
          name: t('chart.sheetTotal'),
          color: '#111827',
          symbolSize: 7,
          data: rows.flatMap((s, i) => s.totals.map((x) => [x.total, i])),
        },
      ],
    },
    { width: 720, height: barChartHeight(rows.length) },
  )
}

/** Each reviewer's mean total against the cycle's mean: right of zero more lenient, left stricter. */
export function leniencySvg(leniency: Leniency, t: Translate): Promise<string> {
  // With many experts, the most lenient and the strictest half and half: the middle says little.
  const all = leniency.reviewers
  const rows = (all.length > chartRows ? [...all.slice(0, chartRows / 2), ...all.slice(-chartRows / 2)] : all)
    .slice()
    .reverse()
  return renderSvg(
    {
      grid: { left: 8, right: 24, top: 24, bottom: 36, containLabel: true },
      xAxis: { type: 'value', name: t('chart.againstCycleMean'), nameLocation: 'middle', nameGap: 26 },
      yAxis: { type: 'category', data: rows.map((r) => `${r.reviewer} (${r.sheets})`) },
      series: [
        {
          type: 'bar',
          data: rows.map((r) => ({ value: r.difference, itemStyle: { color: r.difference >= 0 ? blue : amber } })),
        },
      ],
    },
    { width: 720, height: barChartHeight(rows.length) },
  )
}

/** How many applications fall in each 50-point band of the document score, stacked by category. */
export function distributionSvg(distribution: Distribution, t: Translate): Promise<string> {
  return renderSvg(
    {
      color: ['#3b82f6', '#16a34a', '#f59e0b', '#8b5cf6', '#dc2626', '#0891b2', '#9ca3af'],
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 48, bottom: 40 },
      xAxis: {
        type: 'category',
        data: distribution.bins,
        name: t('review.points'),
        nameLocation: 'middle',
        nameGap: 26,
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: distribution.categories.map((c) => ({ type: 'bar', stack: 'all', name: c.name, data: c.counts })),
    },
    { width: 720, height: 320 },
  )
}

/**
 * How well applicants judged themselves (issue 23): per category and for the cycle, the self-assessed totals of the
 * applicants who self-scored every item beside the experts' document-review scores; with how many self-scored only
 * some items or none. Kept per cycle generation (a sheet moves a standing, and with it the generation).
 */
export async function selfJudgementOf(db: Executor, cycleId: number, lang: Lang, allLabel: string) {
  const [{ compared, partly, none }, categories] = await Promise.all([
    byGeneration(db, cycleId, 'selfJudgement', () => selfJudgementRows(db, cycleId)),
    listCycleCategories(db, cycleId),
  ])
  const names = new Map(categories.map((c) => [c.code, localName(c, lang)]))
  return {
    rows: selfJudgement(compared).map((row) => ({
      ...row,
      name: row.categoryCode === null ? allLabel : (names.get(row.categoryCode) ?? row.categoryCode),
    })),
    partly,
    none,
  }
}
