/**
 * Lays out printed documents off the server's event loop (app/pdf/render-pool.server.ts). pdfmake's layout of a
 * Chinese document holds a thread for 90-300 ms; here it holds this worker's, never the one serving pages.
 * Messages carry a pdfmake definition with plain data only; the page footer (a function in pdfmake) is built here
 * from its two texts.
 */
import { parentPort } from 'node:worker_threads'
import pdfmake from 'pdfmake'

let configuredFor
function configure({ regular, bold }) {
  const key = `${regular.path}#${regular.face}|${bold.path}#${bold.face}`
  if (configuredFor === key) return
  const source = (file) => (file.face ? [file.path, file.face] : file.path)
  pdfmake.setFonts({
    Award: { normal: source(regular), bold: source(bold), italics: source(regular), bolditalics: source(bold) },
  })
  // Documents hold applicants' text, never images or links to fetch: pdfmake may read the two font files, nothing else.
  const allowed = new Set([regular.path, bold.path])
  pdfmake.setLocalAccessPolicy((path) => allowed.has(path))
  pdfmake.setUrlAccessPolicy(() => false)
  configuredFor = key
}

parentPort.on('message', async ({ id, job }) => {
  try {
    const { fonts, definition, footer } = job
    configure(fonts)
    const document = {
      ...definition,
      footer: (page, pages) => ({
        columns: [
          { text: footer.left, style: 'note' },
          {
            text: footer.pageTemplate.replace('{page}', String(page)).replace('{pages}', String(pages)),
            style: 'note',
            alignment: 'right',
          },
        ],
        margin: [56, 16, 56, 0],
      }),
    }
    const bytes = await pdfmake.createPdf(document).getBuffer()
    const copy = new Uint8Array(bytes)
    parentPort.postMessage({ id, result: copy }, [copy.buffer])
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) })
  }
})
