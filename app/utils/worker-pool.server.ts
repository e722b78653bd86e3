import path from 'node:path'
import { type ResourceLimits, Worker } from 'node:worker_threads'

/**
 * A small, bounded pool of worker threads for the CPU-heavy work a request may ask for (laying out a PDF, reading
 * an uploaded spreadsheet), so that one user's job, or twelve, never stalls the pages, the health check or anyone's
 * save: the server's own thread only hands the job over and gets the result back. Past its queue the pool refuses
 * at once (the route answers 503 with Retry-After) rather than letting waits grow without bound. A job that runs
 * past its time budget or its memory limit takes only its own worker down.
 *
 * The worker file (plain ESM, so that the production server runs it as it is) answers `{ id, job }` with
 * `{ id, result }` or `{ id, error, reason? }`.
 */

/** Every worker busy and the queue at its limit. */
export class WorkerPoolFull extends Error {
  constructor() {
    super('the worker pool is full')
  }
}

/** The job ran past its time budget; its worker was stopped. */
export class WorkerJobTimedOut extends Error {
  constructor(ms: number) {
    super(`the job ran past ${ms} ms`)
  }
}

/** The worker refused the job for a stated reason (e.g. a spreadsheet past its limits). */
export class WorkerJobRefused extends Error {
  constructor(readonly reason: string) {
    super(`refused: ${reason}`)
  }
}

export interface WorkerPoolOptions {
  /** The worker's file, relative to the project's root (where the production server runs). */
  file: string
  size: number
  queueLimit: number
  /** A job running longer is stopped (its worker terminated) and rejected with WorkerJobTimedOut. */
  timeoutMs?: number
  resourceLimits?: ResourceLimits
}

interface Pending<Job, Result> {
  job: Job
  transfer: ArrayBuffer[]
  resolve: (result: Result) => void
  reject: (error: Error) => void
}

interface Running<Job, Result> {
  id: number
  pending: Pending<Job, Result>
  timer?: NodeJS.Timeout
}

interface Answer<Result> {
  id: number
  result?: Result
  error?: string
  reason?: string
}

export class WorkerPool<Job, Result> {
  private idle: Worker[] = []
  private busy = new Map<Worker, Running<Job, Result>>()
  private queue: Array<Pending<Job, Result>> = []
  private live = new Set<Worker>()
  private nextId = 1

  constructor(private readonly options: WorkerPoolOptions) {}

  /** Runs the job on a worker; `transfer` hands buffers over without a copy (the caller must not use them after). */
  run(job: Job, transfer: ArrayBuffer[] = []): Promise<Result> {
    return new Promise((resolve, reject) => {
      const pending = { job, transfer, resolve, reject }
      const worker = this.idle.pop() ?? (this.live.size < this.options.size ? this.spawn() : undefined)
      if (worker) this.start(worker, pending)
      else if (this.queue.length >= this.options.queueLimit) reject(new WorkerPoolFull())
      else this.queue.push(pending)
    })
  }

  private spawn(): Worker {
    const worker = new Worker(path.resolve(process.cwd(), this.options.file), {
      resourceLimits: this.options.resourceLimits,
    })
    this.live.add(worker)
    // Idle workers do not keep the process alive (a test run, a CLI); a busy one does until its job ends.
    worker.unref()
    worker.on('message', (answer: Answer<Result>) => {
      const current = this.busy.get(worker)
      if (!current || current.id !== answer.id) return
      this.busy.delete(worker)
      clearTimeout(current.timer)
      if (answer.reason) current.pending.reject(new WorkerJobRefused(answer.reason))
      else if (answer.error !== undefined) current.pending.reject(new Error(`worker failed: ${answer.error}`))
      else current.pending.resolve(answer.result as Result)
      this.next(worker)
    })
    // A worker that dies (out of memory, stopped past its budget) takes only its own job with it; the next job
    // gets a new worker.
    const lost = (error: Error) => {
      if (!this.live.delete(worker)) return
      const current = this.busy.get(worker)
      this.busy.delete(worker)
      this.idle = this.idle.filter((w) => w !== worker)
      if (current) {
        clearTimeout(current.timer)
        current.pending.reject(error)
      }
      const waiting = this.queue.shift()
      if (waiting) this.start(this.spawn(), waiting)
    }
    worker.on('error', lost)
    worker.on('exit', (code) => lost(new Error(`worker exited with ${code}`)))
    return worker
  }

  private start(worker: Worker, pending: Pending<Job, Result>) {
    const id = this.nextId++
    const running: Running<Job, Result> = { id, pending }
    const { timeoutMs } = this.options
    if (timeoutMs !== undefined) {
      running.timer = setTimeout(() => {
        if (this.busy.get(worker)?.id !== id) return
        pending.reject(new WorkerJobTimedOut(timeoutMs))
        this.busy.delete(worker)
        void worker.terminate()
      }, timeoutMs)
    }
    this.busy.set(worker, running)
    worker.ref()
    worker.postMessage({ id, job: pending.job }, pending.transfer)
  }

  private next(worker: Worker) {
    const waiting = this.queue.shift()
    if (waiting) return this.start(worker, waiting)
    worker.unref()
    this.idle.push(worker)
  }
}
