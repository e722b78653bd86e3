import crypto from 'node:crypto'

/**
 * The tokens of links sent by e-mail (password links, registration links) and of a login's second step (its cookie):
 * 32 random bytes in base64url, of which only the SHA-256 is stored, so the token itself is only ever in the e-mail
 * or the browser.
 */
export const newLinkToken = () => crypto.randomBytes(32).toString('base64url')

export const linkTokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex')

/** Whether a path segment could be a token at all: anything else is refused before the database is asked. */
export const mayBeLinkToken = (token: string) => /^[A-Za-z0-9_-]{20,100}$/.test(token)
