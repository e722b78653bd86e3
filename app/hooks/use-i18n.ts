import { useRouteLoaderData } from '@remix-run/react'
import { type Lang, translator } from '~/i18n'
import type { loader as rootLoader } from '~/root'

export function useRootData() {
  const data = useRouteLoaderData<typeof rootLoader>('root')
  return data ?? { lang: 'zh' as Lang, csrf: '', user: null, flash: null, rehearsal: null }
}

export function useLang(): Lang {
  return useRootData().lang
}

export function useT() {
  return translator(useLang())
}

export function useCsrfToken(): string {
  return useRootData().csrf
}
