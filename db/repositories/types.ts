import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../schema'
import { clockMs } from '../clock'

/** Repositories take either the connection or a transaction: the caller owns the transaction. */
export type Executor = Kysely<Database> | Transaction<Database>

/** Now on the award's clock (a rehearsal's own clock inside a rehearsal; db/scope.ts), as stored: UTC ISO text. */
export const nowIso = () => new Date(clockMs()).toISOString()
