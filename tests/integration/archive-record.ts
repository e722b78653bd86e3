import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { World } from './helpers'

/**
 * A cycle archive as the archive page leaves it (a folder with its manifest, a zip beside it, a row recording the
 * manifest's hash), made directly: the backup's tests need one to carry, not the whole cycle that builds one.
 */
export async function recordedArchive(w: World, root: string) {
  const folder = path.join(root, `cycle-${w.cycle.id}-archive`)
  fs.mkdirSync(path.join(folder, 'tables'), { recursive: true })
  fs.writeFileSync(path.join(folder, 'tables', 'cycles.json'), JSON.stringify([{ id: w.cycle.id }]))
  const manifest = JSON.stringify({ cycle: { id: w.cycle.id }, files: [{ path: 'tables/cycles.json' }] })
  fs.writeFileSync(path.join(folder, 'manifest.json'), manifest)
  fs.writeFileSync(`${folder}.zip`, 'PK zip of the folder')
  await w.db
    .insertInto('cycle_archives')
    .values({
      cycle_id: w.cycle.id,
      built_at: new Date().toISOString(),
      built_by: w.admin.userId,
      folder,
      manifest_hash: crypto.createHash('sha256').update(manifest).digest('hex'),
      files: 1,
      bytes: 10,
    })
    .execute()
  return folder
}
