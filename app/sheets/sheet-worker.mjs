/**
 * Reads uploaded spreadsheets and writes exports off the server's event loop (app/utils/spreadsheet.server.ts and
 * app/utils/xlsx.server.ts run it through the bounded pool of app/utils/worker-pool.server.ts, with a time budget
 * and a memory limit as the last guard). A refused file answers with its reason; anything else with the error's
 * text.
 */
import { parentPort } from 'node:worker_threads'
import { readSheetBytes, SheetRefused } from './read-sheet.mjs'
import { writeSheet } from './write-sheet.mjs'

if (!parentPort) throw new Error('sheet-worker.mjs runs as a worker thread')
const port = parentPort

/**
 * @typedef {{ read: Uint8Array } | { write: import('./write-sheet.mjs').SheetToWrite }} SheetJob
 */

port.on('message', async (/** @type {{ id: number, job: SheetJob }} */ { id, job }) => {
  try {
    if ('read' in job) port.postMessage({ id, result: await readSheetBytes(job.read) })
    else {
      const bytes = await writeSheet(job.write)
      port.postMessage({ id, result: bytes }, [bytes.buffer])
    }
  } catch (error) {
    if (error instanceof SheetRefused) port.postMessage({ id, reason: error.reason })
    else port.postMessage({ id, error: error instanceof Error ? error.message : String(error) })
  }
})
