import type { DB } from '#db/client.server'
import { createOrganisation, findOrganisationByUscc } from '#db/repositories/organisations'
import { enqueueNotification, enqueueNotifications } from '#db/repositories/outbox'
import {
  findPendingRegistration,
  insertPendingRegistration,
  retirePendingRegistrations,
  usePendingRegistration,
} from '#db/repositories/pending-registrations'
import { type Executor, nowIso } from '#db/repositories/types'
import { accountEmailsOf, createUser, findUserByEmail } from '#db/repositories/users'
import { hashPassword } from '#workflows/account/password-hash.server'
import { WorkflowError } from '../errors'
import { linkTokenHash, mayBeLinkToken, newLinkToken } from './link-token'

export interface Registration {
  organisationName: string
  uscc: string
  /** Set only when the code fails its check character: the applicant's word that it is the licence's code. */
  usccExplanation: string | null
  contactPerson: string
  email: string
  phone: string
  password: string
}

/** How long a registration link works: a day, time enough to find the e-mail, short enough to expire unused. */
export const registrationLinkLifetimeMs = 24 * 3600_000

/**
 * A registration as the form sends it. Whatever is taken, the caller's answer is the same ("check your e-mail"),
 * so the form does not tell strangers which addresses or credit codes are registered; what differs goes by e-mail
 * to the people entitled to know:
 * - a new address and code: a link to the address, which creates the organisation and its account when followed;
 * - an address that already has an account: its owner is told someone tried to register with it (and how to log
 *   in or reset the password), and nothing is created;
 * - a code already registered: the address given is told so (the code is on the organisation's licence, public
 *   anyway), and the organisation's accounts are told who tried.
 * The password is hashed in every case, so the three take the same time.
 */
export async function requestRegistration(db: DB, input: Registration & { now?: string }): Promise<void> {
  const now = input.now ?? nowIso()
  const email = input.email.toLowerCase()
  const passwordHash = await hashPassword(input.password)
  await db.transaction().execute(async (trx) => {
    const holder = await findUserByEmail(trx, email)
    if (holder) {
      await enqueueNotification(trx, {
        kind: 'account.REGISTER_EXISTING',
        recipient: holder.email,
        payload: { applicationId: 0, reason: null },
        at: now,
      })
      return
    }
    const organisation = await findOrganisationByUscc(trx, input.uscc)
    if (organisation) {
      await enqueueNotifications(trx, [
        { kind: 'account.USCC_TAKEN', recipient: email, payload: { applicationId: 0, reason: input.uscc }, at: now },
        ...(await accountEmailsOf(trx, organisation.id)).map((recipient) => ({
          kind: 'account.USCC_ATTEMPT',
          recipient,
          payload: { applicationId: 0, reason: email },
          at: now,
        })),
      ])
      return
    }
    const token = newLinkToken()
    await retirePendingRegistrations(trx, email, now)
    await insertPendingRegistration(trx, {
      token_hash: linkTokenHash(token),
      organisation_name: input.organisationName,
      uscc: input.uscc,
      uscc_explanation: input.usccExplanation,
      contact_person: input.contactPerson,
      email,
      phone: input.phone,
      password_hash: passwordHash,
      created_at: now,
      expires_at: new Date(Date.parse(now) + registrationLinkLifetimeMs).toISOString(),
    })
    await enqueueNotification(trx, {
      kind: 'account.CONFIRM_REGISTRATION',
      recipient: email,
      payload: { applicationId: 0, reason: input.organisationName, token },
      at: now,
    })
  })
}

/** The registration a link stands for, if the link can still be followed (known, unused, not expired). */
async function openRegistration(db: Executor, token: string, now: string) {
  if (!mayBeLinkToken(token)) return null
  const row = await findPendingRegistration(db, linkTokenHash(token))
  return row && row.used_at === null && row.expires_at > now ? row : null
}

/** A registration link that can still be followed: what it registers (for the page to show), or null. */
export async function checkRegistrationLink(db: Executor, token: string, now = nowIso()) {
  const row = await openRegistration(db, token, now)
  return row ? { organisationName: row.organisation_name, uscc: row.uscc, email: row.email } : null
}

/**
 * Follows a registration link: the organisation and its first applicant account, together or not at all, once
 * (a second click is refused). If the address or the code was registered meanwhile, nothing is created and the
 * owner of the link, who has shown the address is theirs, is told why.
 */
export async function confirmRegistration(db: DB, input: { token: string; now?: string }): Promise<number> {
  const now = input.now ?? nowIso()
  return db.transaction().execute(async (trx) => {
    const pending = await openRegistration(trx, input.token, now)
    if (!pending || !(await usePendingRegistration(trx, pending.token_hash, now)))
      throw new WorkflowError(410, 'register.linkInvalid')
    if (await findUserByEmail(trx, pending.email)) throw new WorkflowError(409, 'auth.emailTaken')
    if (await findOrganisationByUscc(trx, pending.uscc)) throw new WorkflowError(409, 'auth.usccTaken')
    const organisationId = await createOrganisation(trx, {
      name: pending.organisation_name,
      uscc: pending.uscc,
      usccExplanation: pending.uscc_explanation,
      contactPerson: pending.contact_person,
      phone: pending.phone,
      email: pending.email,
    })
    return createUser(trx, {
      email: pending.email,
      passwordHash: pending.password_hash,
      role: 'applicant',
      displayName: pending.contact_person,
      organisationId,
    })
  })
}

/** A reviewer account, created by the secretariat for an expert of the pool. */
export async function createReviewerAccount(
  db: DB,
  input: { displayName: string; email: string; expertise: string; password: string },
): Promise<number> {
  const passwordHash = await hashPassword(input.password)
  return db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, input.email)) throw new WorkflowError(409, 'auth.emailTaken')
    return createUser(trx, {
      email: input.email,
      passwordHash,
      role: 'reviewer',
      displayName: input.displayName,
      organisationId: null,
      expertise: input.expertise,
    })
  })
}
