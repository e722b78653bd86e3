/**
 * How large a request may be, by where it is sent: stated once, for the production server's refusal before a body
 * is read and for the pages' own reading of uploads (app/utils/request.server.ts). A form is 1 MB; each file of
 * evidence, a defence presentation, a department's letter or an objection's evidence is 10 MB; an objection carries up to three files
 * (one more is read, to be refused with a message); an expert list 2 MB.
 */
export const formBodyLimit = 1024 * 1024
export const fileLimit = 10 * 1024 * 1024
export const importFileLimit = 2 * 1024 * 1024
/** Room for the multipart framing and the short fields beside the files. */
export const multipartRoom = 64 * 1024
export const objectionFieldRoom = 20 * 1024

/** The upload routes: a path pattern, how many files it reads, each up to how many bytes, and field room. */
export const uploadRoutes = [
  {
    name: 'evidence',
    pattern: /^\/applicant\/applications\/\d+\/attachments\/?$/,
    files: 1,
    perFile: fileLimit,
    fields: 0,
  },
  {
    name: 'presentation',
    pattern: /^\/applicant\/applications\/\d+\/presentation\/?$/,
    files: 1,
    perFile: fileLimit,
    fields: 0,
  },
  {
    name: 'socialLetter',
    pattern: /^\/admin\/applications\/\d+\/social-answer\/?$/,
    files: 1,
    perFile: fileLimit,
    fields: 0,
  },
  { name: 'objection', pattern: /^\/notice\/\d+\/?$/, files: 4, perFile: fileLimit, fields: objectionFieldRoom },
  { name: 'expertImport', pattern: /^\/admin\/experts\/import\/?$/, files: 1, perFile: importFileLimit, fields: 0 },
]

/** @param {{ files: number, perFile: number, fields: number }} route */
export function uploadBodyLimit(route) {
  return route.files * route.perFile + multipartRoom + route.fields
}

/** The most a request to this path may send: an upload route's limit, else a form's. @param {string} pathname */
export function bodyLimitFor(pathname) {
  const route = uploadRoutes.find((r) => r.pattern.test(pathname))
  return route ? uploadBodyLimit(route) : formBodyLimit
}

/** An upload route by name, for the page that reads it. @param {(typeof uploadRoutes)[number]['name']} name */
export function uploadRoute(name) {
  const route = uploadRoutes.find((r) => r.name === name)
  if (!route) throw new Error(`no upload route ${name}`)
  return route
}
