import type { DB } from '#db/client.server'
import { createOrganisation, findOrganisationByUscc } from '#db/repositories/organisations'
import { createUser, findUserByEmail } from '#db/repositories/users'
import { hashPassword } from '#workflows/account/password-hash.server'
import { WorkflowError } from '../errors'

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

/** An organisation and its first applicant account, together or not at all. */
export async function registerOrganisation(db: DB, input: Registration): Promise<number> {
  const passwordHash = await hashPassword(input.password)
  return db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, input.email)) throw new WorkflowError(409, 'auth.emailTaken')
    if (await findOrganisationByUscc(trx, input.uscc)) throw new WorkflowError(409, 'auth.usccTaken')
    const organisationId = await createOrganisation(trx, {
      name: input.organisationName,
      uscc: input.uscc,
      usccExplanation: input.usccExplanation,
      contactPerson: input.contactPerson,
      phone: input.phone,
      email: input.email,
    })
    return createUser(trx, {
      email: input.email,
      passwordHash,
      role: 'applicant',
      displayName: input.contactPerson,
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
