import type { Executor } from './types'

export async function countRecentFailures(db: Executor, email: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('email', '=', email)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function recordFailure(db: Executor, email: string, at: string): Promise<void> {
  await db.insertInto('login_failures').values({ email, at }).execute()
}

export async function clearFailures(db: Executor, email: string): Promise<void> {
  await db.deleteFrom('login_failures').where('email', '=', email).execute()
}
