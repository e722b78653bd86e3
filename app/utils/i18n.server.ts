import { type Lang, parseLang, translator } from '~/i18n'
import { langCookie } from './cookies.server'

export async function getLang(request: Request): Promise<Lang> {
  const fromCookie = await langCookie.parse(request.headers.get('cookie'))
  if (typeof fromCookie === 'string') return parseLang(fromCookie)
  // First visit: Chinese unless the browser prefers English over Chinese.
  const accept = request.headers.get('accept-language') ?? ''
  const en = accept.search(/\ben\b|\ben-/i)
  const zh = accept.search(/\bzh\b|\bzh-/i)
  return en !== -1 && (zh === -1 || en < zh) ? 'en' : 'zh'
}

export async function getTranslator(request: Request) {
  return translator(await getLang(request))
}
