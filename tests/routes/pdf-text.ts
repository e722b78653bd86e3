import { PDFParse } from 'pdf-parse'
import { expect } from 'vitest'

/** The text a PDF reader extracts: what a search, a screen reader or a copy and paste gets of the document. */
export async function textOf(response: Response): Promise<string> {
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toBe('application/pdf')
  const bytes = new Uint8Array(await response.arrayBuffer())
  expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-')
  const parser = new PDFParse({ data: bytes })
  try {
    return (await parser.getText()).text
  } finally {
    await parser.destroy()
  }
}
