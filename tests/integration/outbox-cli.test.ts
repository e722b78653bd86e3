import { execFile } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { makeUscc } from '../../db/factories'
import { requestRegistration } from '../../workflows/account/registration.server'
import { getDb } from '../../db/client.server'

/** One Node process compiling the CLI: a hang detector, not a speed limit (CI is a busy 2-core machine). */
const processBudget = 120_000

function runOutbox(args: string[]) {
  return new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'db/outbox-cli.ts', ...args],
      { env: { ...process.env, PUBLIC_URL: 'https://award.example' }, encoding: 'utf8' },
      (error, stdout, stderr) =>
        resolve({ status: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}

describe('npm run outbox', () => {
  it(
    'shows the e-mails waiting for an address with their links, so the demo can be followed without a provider',
    { timeout: processBudget },
    async () => {
      await requestRegistration(getDb(), {
        organisationName: '深圳市南山示例科技有限公司',
        uscc: makeUscc(9_100_001),
        usccExplanation: null,
        contactPerson: '钱示例',
        email: 'Demo@Nanshan.example',
        phone: '13800138000',
        password: 'lantern-orchid-quarry',
      })
      const shown = await runOutbox(['demo@nanshan.example'])
      expect(shown.status).toBe(0)
      expect(shown.stdout).toContain('→ demo@nanshan.example')
      expect(shown.stdout).toMatch(/https:\/\/award\.example\/register\/confirm\/[A-Za-z0-9_-]{43}\n/)
      expect(shown.stdout).toContain('深圳市南山示例科技有限公司')
      const nobody = await runOutbox(['nobody@nanshan.example'])
      expect(nobody.stdout).toBe('No e-mail waits for nobody@nanshan.example.\n')
    },
  )
})
