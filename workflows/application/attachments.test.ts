import { describe, expect, it } from 'vitest'
import { cleanFilename, sniffAttachmentType } from './attachments'

const bytes = (...values: number[]) => new Uint8Array([...values, 0, 0, 0, 0, 0, 0, 0, 0])

describe('attachment types, read from the bytes', () => {
  it('recognises PDF, PNG and JPEG', () => {
    expect(sniffAttachmentType(new TextEncoder().encode('%PDF-1.7\n'))).toBe('application/pdf')
    expect(sniffAttachmentType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('image/png')
    expect(sniffAttachmentType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg')
  })

  it('refuses anything else, whatever its name', () => {
    expect(sniffAttachmentType(new TextEncoder().encode('MZ\x90\x00 this is an exe'))).toBeNull()
    expect(sniffAttachmentType(new TextEncoder().encode('<html><script>'))).toBeNull()
    expect(sniffAttachmentType(new Uint8Array())).toBeNull()
  })
})

describe('attachment names', () => {
  it('keeps the name, drops paths and control characters', () => {
    expect(cleanFilename('营业执照.pdf')).toBe('营业执照.pdf')
    expect(cleanFilename('C:\\fakepath\\信用报告.pdf')).toBe('信用报告.pdf')
    expect(cleanFilename('../../etc/passwd')).toBe('passwd')
    expect(cleanFilename('a"b\r\n.pdf')).toBe('ab.pdf')
    expect(cleanFilename('')).toBe('attachment')
  })
})
