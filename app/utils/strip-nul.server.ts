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
    let zero = chunk.indexOf(0)
    if (zero === -1) return callback(null, chunk)
    // The bytes between zeros are copied a run at a time (a byte-by-byte loop cost 10 µs a chunk).
    const kept = Buffer.allocUnsafe(chunk.length)
    let length = 0
    let start = 0
    while (zero !== -1) {
      length += chunk.copy(kept, length, start, zero)
      start = zero + 1
      zero = chunk.indexOf(0, start)
    }
    length += chunk.copy(kept, length, start)
    callback(null, kept.subarray(0, length))
  }
}
