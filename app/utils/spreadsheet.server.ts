import type { MessageKey } from '~/i18n'
import { WorkerJobRefused, WorkerJobTimedOut, WorkerPool, WorkerPoolFull } from './worker-pool.server'
import { httpError } from './http.server'

/** Why a sheet was not read, as the page says it. */
const refusalMessages: Record<string, MessageKey> = {
  unreadable: 'errors.sheetUnreadable',
  tooLarge: 'errors.sheetTooLarge',
  tooManyRows: 'errors.sheetTooLong',
  cellTooLong: 'errors.sheetCellTooLong',
}

/**
 * One worker reads uploads (imports are the secretariat's, a few a day), with a small queue. A file that is still
 * being read after its budget, or that needs more memory than its limit, is stopped: the limits in
 * read-sheet.mjs refuse what they can foresee, these two catch what they cannot.
 */
let pool: WorkerPool<{ read: Uint8Array }, string[][]> | undefined
function sheetPool() {
  pool ??= new WorkerPool({
    file: 'app/sheets/sheet-worker.mjs',
    size: 1,
    queueLimit: 4,
    timeoutMs: 15_000,
    resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 },
  })
  return pool
}

/**
 * The rows of an uploaded XLSX (its first sheet) or CSV file, as text cells, read on a worker thread. A file past
 * the limits or unreadable throws a 400 answer with the reason in the user's language; a full queue a 503.
 */
export async function readSheet(bytes: Uint8Array): Promise<string[][]> {
  try {
    return await sheetPool().run({ read: bytes })
  } catch (error) {
    if (error instanceof WorkerJobRefused)
      throw httpError(400, refusalMessages[error.reason] ?? 'errors.sheetUnreadable')
    if (error instanceof WorkerPoolFull) throw httpError(503, 'errors.importBusy', { headers: { 'Retry-After': '5' } })
    if (error instanceof WorkerJobTimedOut || /memory/i.test(String(error)))
      throw httpError(400, 'errors.sheetTooLarge')
    throw httpError(400, 'errors.sheetUnreadable')
  }
}
