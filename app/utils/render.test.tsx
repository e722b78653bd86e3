import { PassThrough } from 'node:stream'
import { renderToPipeableStream, renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

/**
 * Why pages are rendered to a string (decision record 0018): React 18's streaming encoder writes into 2 KB
 * buffers and, where a Chinese character does not fit at the end of one, flushes the buffer with its unwritten
 * zero bytes (react issues 24985 and 31134); the string renderer has no such buffers.
 */
const name = '深圳市南山区股份有限公司'

/** A page with short Chinese strings after a prefix of `offset` bytes, so one straddles every 2 KB boundary. */
function page(offset: number) {
  return (
    <main>
      <div>{'a'.repeat(offset)}</div>
      {Array.from({ length: 200 }, (_, i) => (
        <p key={i}>{name}</p>
      ))}
    </main>
  )
}

function streamed(node: React.ReactNode): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    const out = new PassThrough()
    out.on('data', (chunk: Buffer) => chunks.push(chunk))
    out.on('end', () => resolve(Buffer.concat(chunks)))
    const { pipe } = renderToPipeableStream(node, { onAllReady: () => pipe(out), onError: reject })
  })
}

describe('pages in clean Chinese', () => {
  it('the streaming renderer leaves zero bytes where a character meets a 2 KB boundary (why it is not used)', async () => {
    expect((await streamed(page(2000))).includes(0)).toBe(true)
  })

  it('the string renderer gives every character whole at every offset around the boundary, as the stream meant to', async () => {
    for (let offset = 1990; offset < 2110; offset++) {
      const bytes = Buffer.from(renderToString(page(offset)))
      expect(bytes.includes(0), `offset ${offset}`).toBe(false)
      const html = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
      expect(html.split(name).length - 1, `offset ${offset}`).toBe(200)
      // The same markup the stream gives, once its zero bytes are gone.
      expect(html).toBe(new TextDecoder().decode((await streamed(page(offset))).filter((byte) => byte !== 0)))
    }
  })
})
