import { organisationKeys } from '../../workflows/experts/organisation-keys'
import { type Executor, nowIso } from './types'

export interface NewOrganisation {
  name: string
  uscc: string
  contactPerson: string
  phone: string
  email: string
  /** Only for a code that fails its check character: why it is nevertheless the code on the licence. */
  usccExplanation?: string | null
}

export async function createOrganisation(db: Executor, organisation: NewOrganisation): Promise<number> {
  const keys = organisationKeys(organisation.name, organisation.uscc)
  const row = await db
    .insertInto('organisations')
    .values({
      name: organisation.name,
      uscc: organisation.uscc,
      name_key: keys.name,
      uscc_key: keys.uscc,
      contact_person: organisation.contactPerson,
      phone: organisation.phone,
      email: organisation.email,
      uscc_explanation: organisation.usccExplanation ?? null,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export function findOrganisationByUscc(db: Executor, uscc: string) {
  return db.selectFrom('organisations').select('id').where('uscc', '=', uscc).executeTakeFirst()
}

export function getOrganisation(db: Executor, id: number) {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst()
}
