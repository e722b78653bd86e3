import crypto from 'node:crypto'
import { z } from 'zod'

/** Configuration, checked once at start-up. Nothing here reaches the browser. */
const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_PATH: z.string().min(1).default('data/award.sqlite'),
    /** Where uploaded evidence is kept; beside the database by default. */
    ATTACHMENTS_DIR: z.string().min(1).optional(),
    SESSION_SECRET: z.string().min(32).optional(),
    /** Extra origins allowed to post forms (a reverse proxy's public address), comma-separated. */
    ALLOWED_ORIGINS: z.string().default(''),
    /** The e-mail provider's HTTP endpoint; without it notifications stay in the outbox and are logged. */
    EMAIL_API_URL: z.url().optional(),
    EMAIL_API_KEY: z.string().optional(),
    /** A credit-record provider (信用中国 / 信用深圳 data); without it credit checks are entered by hand. */
    CREDIT_API_URL: z.url().optional(),
    CREDIT_API_KEY: z.string().optional(),
    /** The site's public address (https://award.example), for links in e-mails sent by scheduled jobs. */
    PUBLIC_URL: z.url().optional(),
    /**
     * The fonts of printed documents (PDF), as a file or `file#face` for a collection; by default Debian's
     * fonts-noto-cjk, which sets Chinese and Latin alike.
     */
    PDF_FONT_REGULAR: z
      .string()
      .min(1)
      .default('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular'),
    PDF_FONT_BOLD: z.string().min(1).default('/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc#NotoSansCJKsc-Bold'),
    /**
     * Who must sign in with a second factor (an authenticator app): `staff` (the secretariat and the experts),
     * `admin` (the secretariat), or `off` (anyone may turn it on for their account; nobody must).
     */
    TWO_FACTOR: z.enum(['off', 'admin', 'staff']).default('off'),
  })
  // Links in e-mails (password resets, invitations, reminders) come from configuration only: taking them from
  // a request's Host header would let anyone have a stranger's reset link point at their own site.
  .refine((config) => !config.EMAIL_API_URL || config.PUBLIC_URL, {
    path: ['PUBLIC_URL'],
    message: 'required when EMAIL_API_URL is set (the address links in e-mails point to, e.g. https://award.example)',
  })

export type Env = z.infer<typeof schema> & { sessionSecret: string }

let cached: Env | undefined

export function env(): Env {
  if (cached) return cached
  const parsed = schema.safeParse(setVariables(process.env))
  if (!parsed.success) throw new Error(`Invalid configuration: ${describeIssues(parsed.error)}`)
  // Session ids are random and stored server-side; the signature is a second lock. Without a configured
  // secret a per-process one is used, which logs everyone out on restart: fine for the demo, not production.
  const sessionSecret = parsed.data.SESSION_SECRET ?? crypto.randomBytes(32).toString('hex')
  if (!parsed.data.SESSION_SECRET && parsed.data.NODE_ENV === 'production' && !process.env.VITEST) {
    console.warn('SESSION_SECRET is not set: sessions will not survive a restart.')
  }
  // Links are built as PUBLIC_URL + path: `https://award.example/` would give `//password/…`.
  const publicUrl = parsed.data.PUBLIC_URL?.replace(/\/+$/, '')
  cached = { ...parsed.data, PUBLIC_URL: publicUrl, sessionSecret }
  return cached
}

/** Env files often leave a variable set but empty (`PUBLIC_URL=`): that means unset, not an invalid value. */
function setVariables(variables: NodeJS.ProcessEnv): Record<string, string> {
  const set: Record<string, string> = {}
  for (const [name, value] of Object.entries(variables))
    if (value !== undefined && value.trim() !== '') set[name] = value
  return set
}

/** One line that names each variable at fault and what is wrong with it. */
function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'configuration'}: ${issue.message}`).join('; ')
}

/** Forgets the configuration read, so a test that changes an environment variable sees it. */
export function resetEnvForTests(): void {
  cached = undefined
}
