import { Transform, type TransformCallback } from 'node:stream'

/**
 * React 18's streaming renderer encodes into 2 KB buffers; when a multi-byte character (any Chinese one) does not
 * fit at the end of a buffer, it flushes the whole buffer, unwritten zero bytes included (react issues 24985 and
 * 31134, fixed in React 19 by facebook/react#26228 and never released for 18). The page then shows a broken
 * character (`…股份有�限公司`). A zero byte never occurs inside UTF-8 text and has no place in HTML, so removing
 * every one restores exactly what React meant to write.
 */
export class StripNulBytes extends Transform {
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (chunk.indexOf(0) === -1) return callback(null, chunk)
    const kept = Buffer.allocUnsafe(chunk.length)
    let length = 0
    for (const byte of chunk) if (byte !== 0) kept[length++] = byte
    callback(null, kept.subarray(0, length))
  }
}
