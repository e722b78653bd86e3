import type { AttachmentType } from '../schema'
import type { Executor } from './types'

export async function insertAttachment(
  db: Executor,
  attachment: {
    applicationId: number
    declarationKey: string | null
    filename: string
    contentType: AttachmentType
    size: number
    sha256: string
    uploadedBy: number
    uploadedAt: string
  },
): Promise<number> {
  const row = await db
    .insertInto('attachments')
    .values({
      application_id: attachment.applicationId,
      declaration_key: attachment.declarationKey,
      filename: attachment.filename,
      content_type: attachment.contentType,
      size: attachment.size,
      sha256: attachment.sha256,
      uploaded_by: attachment.uploadedBy,
      uploaded_at: attachment.uploadedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export function listAttachments(db: Executor, applicationId: number) {
  return db
    .selectFrom('attachments')
    .select(['id', 'declaration_key', 'filename', 'content_type', 'size', 'uploaded_at'])
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute()
}

export function getAttachment(db: Executor, id: number) {
  return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function countAttachments(db: Executor, applicationId: number): Promise<number> {
  const row = await db
    .selectFrom('attachments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('application_id', '=', applicationId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function deleteAttachment(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('attachments').where('id', '=', id).execute()
}
