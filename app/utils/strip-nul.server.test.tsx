import { PassThrough } from 'node:stream'
import { Suspense } from 'react'
import { renderToPipeableStream } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { StripNulBytes } from './strip-nul.server'

const name = '深圳市南山区股份有限公司'

/** A page with short Chinese strings after a prefix of `offset` bytes, so one straddles every 2 KB boundary. */
function page(offset: number) {
  return (
    <Suspense fallback={null}>
      <div>{'a'.repeat(offset)}</div>
      {Array.from({ length: 200 }, (_, i) => (
        <p key={i}>{name}</p>
      ))}
    </Suspense>
  )
}

function render(node: React.ReactNode, filter: boolean): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    const out = filter ? new StripNulBytes() : new PassThrough()
    out.on('data', (chunk: Buffer) => chunks.push(chunk))
    out.on('end', () => resolve(Buffer.concat(chunks)))
    const { pipe } = renderToPipeableStream(node, { onAllReady: () => pipe(out), onError: reject })
  })
}

describe('pages in clean Chinese', () => {
  it('the renderer alone leaves zero bytes where a character meets a 2 KB boundary (why the filter exists)', async () => {
    expect((await render(page(2000), false)).includes(0)).toBe(true)
  })

  it('with the filter, no page has a zero byte or a broken character, at every offset around the boundary', async () => {
    for (let offset = 1990; offset < 2110; offset++) {
      const bytes = await render(page(offset), true)
      expect(bytes.includes(0), `offset ${offset}`).toBe(false)
      const html = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
      expect(html.split(name).length - 1, `offset ${offset}`).toBe(200)
    }
  })
})

describe('the filter on its own', () => {
  it('removes every zero byte wherever it stands (first, last, in runs) and leaves the rest as it was', async () => {
    const cases = [[0], [0, 0, 0], [0, 65, 0], [65, 0, 0, 66, 0], [65, 66], [0xe5, 0x9c, 0xb3, 0, 0xe5, 0x9c, 0xb3, 0]]
    for (const bytes of cases) {
      const out: Buffer[] = []
      const filter = new StripNulBytes()
      filter.on('data', (chunk: Buffer) => out.push(chunk))
      await new Promise<void>((resolve) => {
        filter.on('end', resolve)
        filter.end(Buffer.from(bytes))
      })
      expect([...Buffer.concat(out)], JSON.stringify(bytes)).toEqual(bytes.filter((b) => b !== 0))
    }
  })
})
