import type { DB } from '#db/client.server'
import { loadApplicationForUpdate } from '#db/repositories/applications'
import { insertCreditCheck } from '#db/repositories/credit-checks'
import { getOrganisation } from '#db/repositories/organisations'
import { nowIso } from '#db/repositories/types'
import { forbidden, notAllowedNow, notFound, WorkflowError, fieldRefusal } from '../errors'
import type { Actor } from './application.policy'
import { mayAct } from '../account/duties'

/** What a credit service (信用中国 / 信用深圳 or a data provider) says about a credit code. */
export interface CreditRecord {
  dishonest: boolean
  summary: string
}

export interface CreditService {
  lookUp(uscc: string): Promise<CreditRecord>
}

/** Only the review agency checks credit, and only during eligibility review, where it decides whether the applicant may go on. */
async function applicationUnderReview(db: DB, actor: Actor, applicationId: number) {
  if (!mayAct(actor, 'eligibility')) throw forbidden()
  const application = await loadApplicationForUpdate(db, applicationId)
  if (!application) throw notFound()
  if (application.status !== 'eligibilityReview') throw notAllowedNow('CREDIT_CHECK', application.status)
  return application
}

/**
 * Asks the credit service about the applicant's credit code and records the answer. The service is outside
 * the project and may fail: then nothing is recorded and the secretariat is told, and may enter a result by
 * hand instead.
 */
export async function checkCredit(
  db: DB,
  input: { applicationId: number; actor: Actor; service: CreditService; now?: string },
): Promise<CreditRecord> {
  const application = await applicationUnderReview(db, input.actor, input.applicationId)
  const organisation = await getOrganisation(db, application.organisation_id)
  if (!organisation) throw notFound()
  let record: CreditRecord
  try {
    record = await input.service.lookUp(organisation.uscc)
  } catch {
    throw new WorkflowError(409, 'errors.creditServiceDown')
  }
  await insertCreditCheck(db, {
    applicationId: application.id,
    checkedBy: input.actor.userId,
    checkedAt: input.now ?? nowIso(),
    source: 'service',
    dishonest: record.dishonest,
    summary: record.summary,
  })
  return record
}

/** A credit check the secretariat made elsewhere (a printed report, a phone call), entered by hand. */
export async function recordManualCreditCheck(
  db: DB,
  input: { applicationId: number; actor: Actor; dishonest: boolean; summary: string; now?: string },
): Promise<void> {
  const summary = input.summary.trim()
  const application = await applicationUnderReview(db, input.actor, input.applicationId)
  if (!summary) throw fieldRefusal('summary', 400, 'errors.required')
  await insertCreditCheck(db, {
    applicationId: application.id,
    checkedBy: input.actor.userId,
    checkedAt: input.now ?? nowIso(),
    source: 'manual',
    dishonest: input.dishonest,
    summary,
  })
}
