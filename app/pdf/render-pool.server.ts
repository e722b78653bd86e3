import os from 'node:os'
import { WorkerPool } from '~/utils/worker-pool.server'

/**
 * Printed documents are laid out on worker threads (app/pdf/pdf-worker.mjs, through the bounded pool of
 * app/utils/worker-pool.server.ts), so that one user printing, or twelve, never stalls the pages.
 */

export interface FontFile {
  path: string
  /** The face inside a font collection (.ttc); none for a single-font file. */
  face?: string
}

export interface RenderJob {
  fonts: { regular: FontFile; bold: FontFile }
  /** A pdfmake document definition of plain data (no functions). */
  definition: unknown
  /** The footer's two texts: the time printed, and the page number with `{page}` and `{pages}` left in. */
  footer: { left: string; pageTemplate: string }
}

/** One worker per core but one (the server keeps a core), at least one; a queue a few times that. */
const defaultSize = Math.max(1, Math.min(4, os.availableParallelism() - 1))
const defaultQueueLimit = 16

/** A pool laying out documents on app/pdf/pdf-worker.mjs. */
export function createRenderPool(size: number, queueLimit: number) {
  return new WorkerPool<RenderJob, Uint8Array>({ file: 'app/pdf/pdf-worker.mjs', size, queueLimit })
}

let pool: WorkerPool<RenderJob, Uint8Array> | undefined

/** Lays a document out on the pool; rejects with WorkerPoolFull when the queue is full. */
export function renderOnPool(job: RenderJob): Promise<Uint8Array> {
  pool ??= createRenderPool(defaultSize, defaultQueueLimit)
  return pool.run(job)
}
