/**
 * Reads uploaded spreadsheets off the server's event loop (app/utils/spreadsheet.server.ts runs it through the
 * bounded pool of app/utils/worker-pool.server.ts, with a time budget and a memory limit as the last guard).
 * A refused file answers with its reason; anything else with the error's text.
 */
import { parentPort } from 'node:worker_threads'
import { readSheetBytes, SheetRefused } from './read-sheet.mjs'

if (!parentPort) throw new Error('sheet-worker.mjs runs as a worker thread')
const port = parentPort

port.on('message', async (/** @type {{ id: number, job: { bytes: Uint8Array } }} */ { id, job }) => {
  try {
    port.postMessage({ id, result: await readSheetBytes(job.bytes) })
  } catch (error) {
    if (error instanceof SheetRefused) port.postMessage({ id, reason: error.reason })
    else port.postMessage({ id, error: error instanceof Error ? error.message : String(error) })
  }
})
