import type { AttachmentType } from '#db/schema'
import { WorkflowError } from '../errors'

/** Attachments are evidence, not a file share: PDF or images, 10 MB each, 30 per application. */
export const maxAttachmentBytes = 10 * 1024 * 1024
export const maxAttachmentsPerApplication = 30

/**
 * The type is read from the file's first bytes, never from its name or the browser's claim: a renamed
 * executable is refused, and the download is served with the type it really has.
 */
export function sniffAttachmentType(bytes: Uint8Array): AttachmentType | null {
  const starts = (...signature: number[]) => signature.every((b, i) => bytes[i] === b)
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf' // %PDF-
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  return null
}

// Control characters and double quotes are what a shown file name must not carry.
// eslint-disable-next-line no-control-regex
const unwantedInFilename = /[\u0000-\u001f\u007f"]/g

/** The name as shown and offered for download: no path, no control characters, not absurdly long. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  const cleaned = base.replace(unwantedInFilename, '').trim().slice(0, 150)
  return cleaned || 'attachment'
}

/**
 * A file as the award keeps it (evidence, an objection's evidence, a department's letter): not empty, within 10 MB, a
 * PDF or an image by its first bytes, its name cleaned. Refused with the reason, beside the form's field when one
 * is named.
 */
export function checkedFile(
  file: { filename: string; bytes: Uint8Array },
  field?: string,
): { filename: string; contentType: AttachmentType; size: number } {
  const size = file.bytes.byteLength
  if (size === 0) throw new WorkflowError(400, 'errors.required', undefined, {}, field)
  if (size > maxAttachmentBytes) throw new WorkflowError(413, 'errors.fileTooLarge', undefined, {}, field)
  const contentType = sniffAttachmentType(file.bytes)
  if (!contentType) throw new WorkflowError(400, 'errors.fileType', undefined, {}, field)
  return { filename: cleanFilename(file.filename), contentType, size }
}
