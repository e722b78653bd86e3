import crypto from 'node:crypto'

/**
 * Random tokens (CSRF tokens, CSP nonces) drawn from a buffer that the operating system's generator fills 4 KB at a
 * time: one call into it per page was a measurable part of every page's cost (issue 19). Each byte is handed out
 * once; the buffer is refilled before it runs out.
 */
const pool = Buffer.alloc(4096)
let offset = pool.length

export function randomToken(bytes: number, encoding: 'base64' | 'base64url' | 'hex' = 'base64url'): string {
  if (bytes > pool.length) return crypto.randomBytes(bytes).toString(encoding)
  if (offset + bytes > pool.length) {
    crypto.randomFillSync(pool)
    offset = 0
  }
  const token = pool.toString(encoding, offset, offset + bytes)
  offset += bytes
  return token
}
