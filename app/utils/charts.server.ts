import type * as Echarts from 'echarts'
import { httpError } from './http.server'
import { WorkerPool, WorkerPoolFull } from './worker-pool.server'

/**
 * Charts drawn on the server as SVG (Apache ECharts' server-side rendering): no script reaches the browser, the
 * page's Content-Security-Policy is untouched, and they print. Each chart has a table beside it with the same
 * numbers, for screen readers and for anyone who wants the figures.
 */

/** The stages of the award as the pipeline groups the statuses, in order. */
export const pipelineStages = [
  { key: 'application', statuses: ['draft', 'submitted', 'returned'] },
  { key: 'eligibility', statuses: ['eligibilityReview'] },
  { key: 'documentReview', statuses: ['documentReview', 'scored'] },
  {
    key: 'secondHalf',
    statuses: ['shortlisted', 'defenceScheduled', 'defenceScored', 'siteVisitScheduled', 'siteVisitScored'],
  },
  { key: 'committee', statuses: ['decided', 'publicNotice', 'approved', 'published'] },
  { key: 'out', statuses: ['ineligible', 'withdrawn', 'notShortlisted'] },
] as const

export type PipelineStage = (typeof pipelineStages)[number]['key']

export interface Pipeline {
  categories: Array<{ code: string; name: string }>
  /** Per stage (in pipelineStages' order), the count per category (in categories' order). */
  stages: Array<{ key: PipelineStage; name: string; counts: number[] }>
}

/** Applications per category and stage, from counts per category and status. */
export function pipelineOf(
  counts: ReadonlyArray<{ category: string | null; status: string; count: number }>,
  categories: ReadonlyArray<{ code: string; name: string }>,
  stageName: (key: PipelineStage) => string,
  noCategory: string,
): Pipeline {
  const columns = [...categories, { code: '', name: noCategory }]
  const stages = pipelineStages.map((stage) => ({
    key: stage.key,
    name: stageName(stage.key),
    counts: columns.map((column) =>
      counts
        .filter((c) => (c.category ?? '') === column.code && (stage.statuses as readonly string[]).includes(c.status))
        .reduce((sum, c) => sum + c.count, 0),
    ),
  }))
  // The "no category yet" column only where a draft has none.
  const keep = columns.map((_, i) => i < categories.length || stages.some((s) => s.counts[i]! > 0))
  return {
    categories: columns.filter((_, i) => keep[i]),
    stages: stages.map((s) => ({ ...s, counts: s.counts.filter((_, i) => keep[i]) })),
  }
}

const palette = ['#9ca3af', '#f59e0b', '#3b82f6', '#8b5cf6', '#16a34a', '#dc2626']

/** The text style every chart shares. Unquoted: the SVG renderer writes the family into a double-quoted attribute as it is. */
export const chartText = { fontFamily: 'Noto Sans CJK SC, Microsoft YaHei, sans-serif' }

/**
 * Charts are drawn on a worker thread (app/utils/chart-worker.mjs): a large cycle's chart holds the thread for tens
 * of milliseconds, which the pages' thread does not give. One worker, a queue of sixteen; past it the chart answers
 * 503 (an image the page shows as missing, with its table beside it).
 */
let pool: WorkerPool<{ option: Echarts.EChartsCoreOption; width: number; height: number }, string> | undefined
function chartPool() {
  pool ??= new WorkerPool({ file: 'app/utils/chart-worker.mjs', size: 1, queueLimit: 16, timeoutMs: 30_000 })
  return pool
}

/** Renders an ECharts option as an SVG string, without animation, on the chart worker. */
export async function renderSvg(
  option: Echarts.EChartsCoreOption,
  size: { width: number; height: number },
): Promise<string> {
  try {
    return await chartPool().run({ option: { animation: false, textStyle: chartText, ...option }, ...size })
  } catch (error) {
    if (error instanceof WorkerPoolFull) throw httpError(503, 'errors.exportBusy', { headers: { 'Retry-After': '5' } })
    throw error
  }
}

/** The pipeline as a stacked bar chart: one bar per category, one colour per stage. */
export function pipelineSvg(pipeline: Pipeline, options: { width?: number; height?: number } = {}): Promise<string> {
  return renderSvg(
    {
      color: palette,
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 48, bottom: 32 },
      xAxis: { type: 'category', data: pipeline.categories.map((c) => c.name) },
      yAxis: { type: 'value', minInterval: 1 },
      series: pipeline.stages.map((stage) => ({ type: 'bar', stack: 'all', name: stage.name, data: stage.counts })),
    },
    { width: options.width ?? 720, height: options.height ?? 320 },
  )
}

/** An SVG image response, never cached by a shared cache (the figures are the secretariat's). */
export function svgResponse(svg: string): Response {
  return new Response(svg, {
    headers: {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
