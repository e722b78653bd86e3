import { describe, expect, it } from 'vitest'
import { fontFiles, printedDownload } from './document.server'
import { createRenderPool, type RenderJob } from './render-pool.server'
import { WorkerJobTimedOut, WorkerPool, WorkerPoolFull } from '~/utils/worker-pool.server'

/** A document long enough that laying it out takes a while (about 40 pages of Chinese text). */
function longJob(): RenderJob {
  const paragraph = '质量是企业的生命。卓越绩效评价准则要求组织在领导、战略、顾客与市场、资源、过程管理等方面持续改进。'
  return {
    fonts: fontFiles(),
    definition: {
      pageSize: 'A4',
      defaultStyle: { font: 'Award', fontSize: 10.5 },
      styles: { note: { fontSize: 9 } },
      content: Array.from({ length: 600 }, (_, i) => ({ text: `${i + 1}. ${paragraph}` })),
    },
    footer: { left: '打印时间', pageTemplate: '第 {page} 页 / 共 {pages} 页' },
  }
}

describe('the print pool', () => {
  it('lays documents out on worker threads, while the server thread keeps running its timers', async () => {
    const pool = createRenderPool(1, 4)
    let ticks = 0
    const timer = setInterval(() => ticks++, 5)
    try {
      const bytes = await pool.run(longJob())
      expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-')
      // Laying out 40 pages takes hundreds of milliseconds; on this thread no timer could have fired meanwhile.
      expect(ticks).toBeGreaterThan(5)
    } finally {
      clearInterval(timer)
    }
  })

  it('refuses at once past its queue, and still finishes what it took', async () => {
    const pool = createRenderPool(1, 1)
    const first = pool.run(longJob())
    const second = pool.run(longJob())
    await expect(pool.run(longJob())).rejects.toBeInstanceOf(WorkerPoolFull)
    for (const bytes of await Promise.all([first, second]))
      expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-')
  })

  it('stops a job past its time budget, and goes on with the next on a new worker', async () => {
    const pool = new WorkerPool<RenderJob, Uint8Array>({
      file: 'app/pdf/pdf-worker.mjs',
      size: 1,
      queueLimit: 1,
      timeoutMs: 1,
    })
    const stopped = pool.run(longJob())
    const next = pool.run(longJob())
    await expect(stopped).rejects.toBeInstanceOf(WorkerJobTimedOut)
    // A 1 ms budget stops the next too: what matters is that it ran (a worker was there to take it).
    await expect(next).rejects.toBeInstanceOf(WorkerJobTimedOut)
  })

  it('answers a full queue with 503, a message in the user\u2019s language and Retry-After', async () => {
    const refused = await printedDownload(() => Promise.reject(new WorkerPoolFull()), '甲公司').catch(
      (response: unknown) => response as Response,
    )
    expect(refused.status).toBe(503)
    expect(refused.headers.get('retry-after')).toBe('5')
    expect(await refused.json()).toEqual({ messageKey: 'errors.printBusy' })
  })
})
