import { declarationKeys, type DeclarationKey } from '#workflows/application/application.schema'

/**
 * What an eligibility confirmation's audit row records, as data (the page renders it in the reader's language,
 * the condition by its label): stored as JSON in the audit reason. Rows written before it was data read
 * `registeredThreeYears: met — note`; those are read too, so the whole history reads the same way.
 */
export interface EligibilityAuditDetail {
  kind: 'eligibilityCondition'
  condition: DeclarationKey
  met: boolean
  note: string | null
}

export function eligibilityAuditReason(detail: Omit<EligibilityAuditDetail, 'kind'>): string {
  return JSON.stringify({ kind: 'eligibilityCondition', ...detail } satisfies EligibilityAuditDetail)
}

const isCondition = (value: unknown): value is DeclarationKey =>
  typeof value === 'string' && (declarationKeys as readonly string[]).includes(value)

export function readEligibilityAuditReason(reason: string | null): EligibilityAuditDetail | null {
  if (!reason) return null
  if (reason.startsWith('{')) {
    try {
      const value = JSON.parse(reason) as Partial<EligibilityAuditDetail>
      return value.kind === 'eligibilityCondition' && isCondition(value.condition) && typeof value.met === 'boolean'
        ? { kind: 'eligibilityCondition', condition: value.condition, met: value.met, note: value.note ?? null }
        : null
    } catch {
      return null
    }
  }
  const legacy = /^(\w+): (met|not met)(?: — ([\s\S]*))?$/.exec(reason)
  if (!legacy || !isCondition(legacy[1])) return null
  return { kind: 'eligibilityCondition', condition: legacy[1], met: legacy[2] === 'met', note: legacy[3] ?? null }
}
