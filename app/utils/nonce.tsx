import { createContext, type ReactNode, useContext } from 'react'

/**
 * The per-response nonce that lets Remix's inline scripts run under the Content-Security-Policy. Set by
 * entry.server; in the browser it is empty (browsers hide nonces from the page anyway).
 */
const NonceContext = createContext('')

export function NonceProvider({ value, children }: { value: string; children: ReactNode }) {
  return <NonceContext.Provider value={value}>{children}</NonceContext.Provider>
}

export function useNonce(): string {
  return useContext(NonceContext)
}
