import fs from 'node:fs'
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'
import type { Translate } from '~/i18n'
import { env } from '~/utils/env.server'
import { httpError } from '~/utils/http.server'
import { WorkerPoolFull } from '~/utils/worker-pool.server'
import { type FontFile, renderOnPool } from './render-pool.server'
import { downloadName } from '~/utils/rehearsal-scope.server'
import { currentRehearsal } from '#db/scope'

/**
 * The award's printed documents (A4, Chinese set in Noto Sans CJK) through pdfmake, which lays out text,
 * tables and page breaks on top of PDFKit and embeds only the glyphs a document uses, so a Chinese PDF stays
 * small (about 100 KB) although the font files are 20 MB.
 */

/** `path` or `path#face`, as PDF_FONT_REGULAR / PDF_FONT_BOLD are written. */
export function parseFontSetting(setting: string): FontFile {
  const hash = setting.lastIndexOf('#')
  return hash > 0 ? { path: setting.slice(0, hash), face: setting.slice(hash + 1) } : { path: setting }
}

/** The fonts printed documents are set in, as configured. */
export function fontFiles(): { regular: FontFile; bold: FontFile } {
  const { PDF_FONT_REGULAR, PDF_FONT_BOLD } = env()
  return { regular: parseFontSetting(PDF_FONT_REGULAR), bold: parseFontSetting(PDF_FONT_BOLD) }
}

/** Whether the fonts are on this machine; without them a Chinese PDF would come out as empty boxes. */
export function pdfFontsPresent(): boolean {
  const { regular, bold } = fontFiles()
  return fs.existsSync(regular.path) && fs.existsSync(bold.path)
}

export interface PrintedDocument {
  /** The document's title, in the PDF's properties and at the head of its first page. */
  title: string
  /** Shown small above the title: the award and the cycle. */
  overline: string
  /** Lines under the title: the organisation, the category, the status. */
  subtitle: string[]
  content: Content[]
  t: Translate
  /** When the document was made, as shown in its footer. */
  printedAt: string
}

/**
 * One printed document: its head, its body, page numbers and the time it was made in every footer. Laid out on
 * the print pool's worker threads (render-pool.server.ts), off the thread that serves everyone's pages.
 */
export async function renderPdf(document: PrintedDocument): Promise<Uint8Array> {
  // Printed in a rehearsal (演练): said at the top and across every page, so the paper is never taken for the award's.
  const rehearsal = currentRehearsal()
  const overline = rehearsal
    ? `${document.t('rehearsal.pdfMark', { number: rehearsal.rehearsalId })} · ${document.overline}`
    : document.overline
  const definition: Omit<TDocumentDefinitions, 'footer'> = {
    ...(rehearsal
      ? { watermark: { text: document.t('rehearsal.watermark'), font: 'Award', opacity: 0.08, bold: true } }
      : {}),
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    info: {
      title: document.title,
      subject: document.overline,
      creator: document.t('app.title'),
      producer: document.t('app.title'),
    },
    defaultStyle: { font: 'Award', fontSize: 10.5, lineHeight: 1.35 },
    styles: {
      overline: { fontSize: 9, color: '#6b7280' },
      title: { fontSize: 18, bold: true, margin: [0, 4, 0, 6] },
      subtitle: { fontSize: 10.5, color: '#374151' },
      section: { fontSize: 13, bold: true, margin: [0, 16, 0, 6] },
      subsection: { fontSize: 11, bold: true, margin: [0, 10, 0, 4] },
      tableHeader: { bold: true, fillColor: '#f3f4f6' },
      note: { fontSize: 9, color: '#6b7280' },
    },
    content: [
      { text: overline, style: 'overline' },
      { text: document.title, style: 'title' },
      ...document.subtitle.map((line): Content => ({ text: line, style: 'subtitle' })),
      {
        canvas: [{ type: 'line', x1: 0, y1: 6, x2: 483, y2: 6, lineWidth: 0.5, lineColor: '#9ca3af' }],
        margin: [0, 0, 0, 6],
      },
      ...document.content,
    ],
  }
  return renderOnPool({
    fonts: fontFiles(),
    definition,
    footer: {
      left: document.t('pdf.printedAt', { time: document.printedAt }),
      // The worker fills in the numbers page by page.
      pageTemplate: document.t('pdf.page', { page: '{page}', pages: '{pages}' }),
    },
  })
}

/** A table whose first row is a header, repeated on every page it runs onto, in light rules. */
export function table(header: string[], rows: Content[][], widths: Array<number | '*' | 'auto'>): Content {
  return {
    table: { headerRows: 1, widths, body: [header.map((text): Content => ({ text, style: 'tableHeader' })), ...rows] },
    layout: 'lightHorizontalLines',
    margin: [0, 2, 0, 8],
  }
}

/** Label and value pairs as a two-column table without rules. */
export function facts(pairs: ReadonlyArray<readonly [string, string]>): Content {
  return {
    table: {
      widths: [130, '*'],
      body: pairs.map(([label, value]): Content[] => [{ text: label, color: '#4b5563' }, value || '—']),
    },
    layout: 'noBorders',
    margin: [0, 2, 0, 8],
  }
}

/** A PDF as a download, named in UTF-8 so a Chinese name survives, never cached by a shared cache. */
export function pdfResponse(bytes: Uint8Array, filename: string): Response {
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(bytes.byteLength),
      'Content-Disposition': `attachment; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent(downloadName(filename))}`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  })
}

/**
 * Makes a document as a download, or answers 503 with a message in the user's language where the fonts are
 * missing (a PDF of empty boxes would look made and be useless).
 */
export async function printedDownload(make: () => Promise<Uint8Array>, filename: string): Promise<Response> {
  if (!pdfFontsPresent()) throw httpError(503, 'errors.pdfUnavailable')
  let bytes: Uint8Array
  try {
    bytes = await make()
  } catch (error) {
    // Every print worker busy and the queue full: "try again in a moment", never a wait without end.
    if (error instanceof WorkerPoolFull) throw httpError(503, 'errors.printBusy', { headers: { 'Retry-After': '5' } })
    throw error
  }
  // Control characters and the characters file systems refuse become _ (the name is an organisation's).
  // eslint-disable-next-line no-control-regex
  return pdfResponse(bytes, `${filename.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')}.pdf`)
}
