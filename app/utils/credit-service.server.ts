import { z } from 'zod'
import type { CreditService } from '#workflows/application/credit.server'
import { env } from './env.server'

/** The provider's answer, checked: a malformed answer is a failed look-up, never a clean record. */
const answerSchema = z.object({
  uscc: z.string(),
  dishonest: z.boolean(),
  records: z.array(z.object({ type: z.string(), date: z.string(), authority: z.string() })).default([]),
})

/** A credit-record provider's HTTP API: GET {url}?uscc=…, bearer-token authenticated, JSON answer. */
export function httpCreditService(url: string, apiKey: string | undefined): CreditService {
  return {
    async lookUp(uscc) {
      const response = await fetch(`${url}?uscc=${encodeURIComponent(uscc)}`, {
        headers: { accept: 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
        signal: AbortSignal.timeout(10_000),
      })
      if (!response.ok) throw new Error(`credit service answered ${response.status}`)
      const answer = answerSchema.parse(await response.json())
      if (answer.uscc !== uscc) throw new Error('credit service answered for another code')
      const summary =
        answer.records.length === 0
          ? '无失信记录 / no dishonesty record'
          : answer.records.map((r) => `${r.date} ${r.type}（${r.authority}）`).join('; ')
      return { dishonest: answer.dishonest, summary }
    },
  }
}

/** The configured service, or null when none is (then checks are entered by hand). */
export function configuredCreditService(): CreditService | null {
  const { CREDIT_API_URL, CREDIT_API_KEY } = env()
  return CREDIT_API_URL ? httpCreditService(CREDIT_API_URL, CREDIT_API_KEY) : null
}
