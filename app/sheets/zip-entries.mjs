/**
 * The files inside a ZIP (an XLSX is one), unpacked within stated limits: a "zip bomb" of a few hundred kilobytes
 * that unpacks to gigabytes is refused after unpacking at most `maxTotalBytes`, whatever its headers claim. Only
 * what an XLSX uses is read (stored or deflated entries, no ZIP64, no encryption); anything else is unreadable.
 */
import zlib from 'node:zlib'

/** Why a ZIP was refused: 'unreadable' (not a ZIP we read) or 'tooLarge' (past the limits). */
export class ZipRefused extends Error {
  /** @param {'unreadable' | 'tooLarge'} reason */
  constructor(reason) {
    super(`zip refused: ${reason}`)
    this.reason = reason
  }
}

const endOfDirectory = 0x06054b50
const directoryEntry = 0x02014b50
const localHeader = 0x04034b50

/** @param {Buffer} bytes */
function findEndOfDirectory(bytes) {
  // The record is 22 bytes plus a comment of up to 65,535; it is searched for from the end.
  const earliest = Math.max(0, bytes.length - 22 - 0xffff)
  for (let at = bytes.length - 22; at >= earliest; at--) if (bytes.readUInt32LE(at) === endOfDirectory) return at
  throw new ZipRefused('unreadable')
}

/**
 * Every entry's name and unpacked bytes.
 * @param {Uint8Array} input
 * @param {{ maxEntries: number, maxTotalBytes: number }} limits
 * @returns {Map<string, Buffer>}
 */
export function unpackZip(input, { maxEntries, maxTotalBytes }) {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength)
  if (bytes.length < 22) throw new ZipRefused('unreadable')
  const end = findEndOfDirectory(bytes)
  const count = bytes.readUInt16LE(end + 10)
  const directoryOffset = bytes.readUInt32LE(end + 16)
  if (count > maxEntries) throw new ZipRefused('tooLarge')
  if (directoryOffset === 0xffffffff || directoryOffset >= bytes.length) throw new ZipRefused('unreadable')

  /** @type {Map<string, Buffer>} */
  const entries = new Map()
  let left = maxTotalBytes
  let at = directoryOffset
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== directoryEntry) throw new ZipRefused('unreadable')
    const flags = bytes.readUInt16LE(at + 8)
    const method = bytes.readUInt16LE(at + 10)
    const packedSize = bytes.readUInt32LE(at + 20)
    const declaredSize = bytes.readUInt32LE(at + 24)
    const nameLength = bytes.readUInt16LE(at + 28)
    const extraLength = bytes.readUInt16LE(at + 30)
    const commentLength = bytes.readUInt16LE(at + 32)
    const headerOffset = bytes.readUInt32LE(at + 42)
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength)
    at += 46 + nameLength + extraLength + commentLength

    // Encrypted, or a method an XLSX never uses.
    if (flags & 1 || (method !== 0 && method !== 8)) throw new ZipRefused('unreadable')
    // The headers' own claim first (cheap); the unpacking below holds to the limit whatever they claim.
    if (declaredSize > left) throw new ZipRefused('tooLarge')
    if (headerOffset + 30 > bytes.length || bytes.readUInt32LE(headerOffset) !== localHeader)
      throw new ZipRefused('unreadable')
    const dataStart = headerOffset + 30 + bytes.readUInt16LE(headerOffset + 26) + bytes.readUInt16LE(headerOffset + 28)
    const packed = bytes.subarray(dataStart, dataStart + packedSize)
    if (packed.length !== packedSize) throw new ZipRefused('unreadable')

    let unpacked
    if (method === 0) unpacked = packed
    else {
      try {
        unpacked = zlib.inflateRawSync(packed, { maxOutputLength: Math.max(1, left) })
      } catch (error) {
        const code = /** @type {{ code?: string }} */ (error).code
        throw new ZipRefused(code === 'ERR_BUFFER_TOO_LARGE' ? 'tooLarge' : 'unreadable')
      }
    }
    if (unpacked.length > left) throw new ZipRefused('tooLarge')
    left -= unpacked.length
    if (!name.endsWith('/')) entries.set(name, unpacked)
  }
  return entries
}
