import os from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'

/**
 * A small, bounded pool of worker threads that lay out printed documents (app/pdf/pdf-worker.mjs), so that one
 * user printing, or twelve, never stalls the pages, the health check or anyone's save: the server's own thread
 * only hands the definition over and gets the bytes back. Past its queue the pool refuses at once (the route
 * answers 503 with Retry-After) rather than letting waits grow without bound.
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

/** The pool is full: every worker busy and the queue at its limit. */
export class PrintQueueFull extends Error {
  constructor() {
    super('the print queue is full')
  }
}

interface Pending {
  job: RenderJob
  resolve: (bytes: Uint8Array) => void
  reject: (error: Error) => void
}

/** One worker per core but one (the server keeps a core), at least one; a queue a few times that. */
const defaultSize = Math.max(1, Math.min(4, os.availableParallelism() - 1))
const defaultQueueLimit = 16

/** The worker's file: beside this module in the sources; the production server runs from the project's root. */
function workerFile(): string {
  return path.resolve(process.cwd(), 'app/pdf/pdf-worker.mjs')
}

class RenderPool {
  private idle: Worker[] = []
  private busy = new Map<Worker, { id: number; pending: Pending }>()
  private queue: Pending[] = []
  private live = new Set<Worker>()
  private nextId = 1

  constructor(
    private readonly size: number,
    private readonly queueLimit: number,
  ) {}

  render(job: RenderJob): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      const pending = { job, resolve, reject }
      const worker = this.idle.pop() ?? (this.live.size < this.size ? this.spawn() : undefined)
      if (worker) this.start(worker, pending)
      else if (this.queue.length >= this.queueLimit) reject(new PrintQueueFull())
      else this.queue.push(pending)
    })
  }

  private spawn(): Worker {
    const worker = new Worker(workerFile())
    this.live.add(worker)
    // Idle workers do not keep the process alive (a test run, a CLI); a busy one does until its job ends.
    worker.unref()
    worker.on('message', (message: { id: number; bytes?: Uint8Array; error?: string }) => {
      const current = this.busy.get(worker)
      if (!current || current.id !== message.id) return
      this.busy.delete(worker)
      if (message.bytes) current.pending.resolve(message.bytes)
      else current.pending.reject(new Error(`printing failed: ${message.error ?? 'unknown error'}`))
      this.next(worker)
    })
    // A worker that dies takes only its own job with it; the next job gets a new worker.
    const lost = (error: Error) => {
      if (!this.live.delete(worker)) return
      const current = this.busy.get(worker)
      this.busy.delete(worker)
      this.idle = this.idle.filter((w) => w !== worker)
      current?.pending.reject(error)
      const waiting = this.queue.shift()
      if (waiting) this.start(this.spawn(), waiting)
    }
    worker.on('error', lost)
    worker.on('exit', (code) => lost(new Error(`print worker exited with ${code}`)))
    return worker
  }

  private start(worker: Worker, pending: Pending) {
    const id = this.nextId++
    this.busy.set(worker, { id, pending })
    worker.ref()
    worker.postMessage({ id, ...pending.job })
  }

  private next(worker: Worker) {
    const waiting = this.queue.shift()
    if (waiting) return this.start(worker, waiting)
    worker.unref()
    this.idle.push(worker)
  }
}

let pool: RenderPool | undefined

/** Lays a document out on the pool; rejects with PrintQueueFull when the queue is full. */
export function renderOnPool(job: RenderJob): Promise<Uint8Array> {
  pool ??= new RenderPool(defaultSize, defaultQueueLimit)
  return pool.render(job)
}

/** A pool of the given size and queue, for a test that fills it. */
export function createRenderPool(size: number, queueLimit: number) {
  return new RenderPool(size, queueLimit)
}
