/**
 * A stored evidence file as a download: its sniffed type, never rendered in the page's origin (attachment,
 * nosniff), never cached by a shared cache, and its name kept in UTF-8 for Chinese file names.
 */
export function fileDownload(bytes: Uint8Array, contentType: string, filename: string): Response {
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': contentType,
      'Content-Length': String(bytes.byteLength),
      'Content-Disposition': `attachment; filename="attachment"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  })
}
