import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { errorCode } from '#db/error-code'
import { StorageUnavailable } from '#db/storage-unavailable'
import { databasePath } from './client.server'

/**
 * Attachment bytes on disk, named by their SHA-256: the same file uploaded twice is stored once, and a name
 * can never be chosen by the uploader. The folder sits beside the database unless ATTACHMENTS_DIR says otherwise.
 */
export function attachmentsDir(): string {
  return process.env.ATTACHMENTS_DIR || path.join(path.dirname(path.resolve(databasePath())), 'attachments')
}

/** Where uploads stream to before they are checked; on the same disk as the store, emptied as each upload ends. */
export function incomingDir(): string {
  return path.join(attachmentsDir(), '.incoming')
}

export interface AttachmentStore {
  save(bytes: Uint8Array): Promise<string>
  read(sha256: string): Promise<Buffer>
}

export const diskStore: AttachmentStore = {
  async save(bytes) {
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex')
    const dir = attachmentsDir()
    await fs.mkdir(dir, { recursive: true })
    const file = path.join(dir, sha256)
    // Written under a temporary name and renamed, so a half-written file is never served.
    const temporary = `${file}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`
    try {
      await fs.writeFile(temporary, bytes)
      await fs.rename(temporary, file)
    } catch (error) {
      // Whatever failed (a full disk, say), no half-written temporary file stays behind.
      await fs.rm(temporary, { force: true })
      if (errorCode(error) === 'ENOSPC') {
        console.error(`ENOSPC: the disk holding the evidence files is full; nothing was saved (${String(error)})`)
        throw new StorageUnavailable('full', String(error))
      }
      throw error
    }
    return sha256
  },
  async read(sha256) {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a content hash')
    return fs.readFile(path.join(attachmentsDir(), sha256))
  },
}
