/**
 * A route's `handle` marking it a public page: the same for every visitor who is not signed in (no parameters in
 * its path, nothing per visitor in its loader but the language), so the production server may serve such visitors
 * a copy while the database is unchanged (app/page-cache.mjs, decision record 0029). A page whose loader makes
 * something per response (a one-time token, say) must not carry it.
 */
export const publicPage = { publicPage: true } as const

/**
 * A route's `handle` marking a signed-in page the production server may keep for one session while the database
 * is unchanged (app/page-cache.mjs): its loaders read, never write, and make nothing per response but what the
 * cache fills in itself (the nonce and the CSRF token). A page that writes on being read (marks something seen,
 * records a view) must not carry it; nor one with a one-time token.
 */
export const signedInPage = { signedInPage: true } as const
