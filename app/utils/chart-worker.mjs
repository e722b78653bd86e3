/**
 * Draws the secretariat's charts (ECharts' server-side SVG renderer) off the server's event loop: the options are
 * plain data, built on the page's thread by app/utils/charts.server.ts, which runs this file through the bounded
 * pool of app/utils/worker-pool.server.ts.
 */
import { parentPort } from 'node:worker_threads'
import * as echarts from 'echarts'

if (!parentPort) throw new Error('chart-worker.mjs runs as a worker thread')
const port = parentPort

port.on(
  'message',
  (
    /** @type {{ id: number, job: { option: Record<string, unknown>, width: number, height: number } }} */ { id, job },
  ) => {
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: job.width, height: job.height })
    try {
      chart.setOption(job.option)
      port.postMessage({ id, result: chart.renderToSVGString() })
    } catch (error) {
      port.postMessage({ id, error: error instanceof Error ? error.message : String(error) })
    } finally {
      chart.dispose()
    }
  },
)
