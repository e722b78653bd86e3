import { describe, expect, it } from 'vitest'
import { maxAttachmentBytes } from '#workflows/application/attachments'
import { maxObjectionFiles } from '#workflows/objection/objection.rules'
import { bodyLimitFor, fileLimit, formBodyLimit, uploadRoute } from './upload-limits.mjs'

describe('request limits, stated once', () => {
  it('lets each upload page receive its files whole, and every other path a form', () => {
    expect(fileLimit).toBe(maxAttachmentBytes)
    const tenMegabytes = 10 * 1024 * 1024
    for (const path of [
      '/applicant/applications/12/attachments',
      '/applicant/applications/12/presentation',
      '/notice/12',
    ])
      expect(bodyLimitFor(path), path).toBeGreaterThan(tenMegabytes)
    // An objection: its three files, and one more read to be refused with a message.
    expect(uploadRoute('objection').files).toBe(maxObjectionFiles + 1)
    expect(bodyLimitFor('/notice/12')).toBeGreaterThan(3 * tenMegabytes)
    for (const path of ['/login', '/applicant/applications/12/edit/profile', '/notice', '/notice/12/x'])
      expect(bodyLimitFor(path), path).toBe(formBodyLimit)
  })
})
