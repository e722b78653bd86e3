/**
 * Issue 17, finding 7: the audit trail showed an eligibility confirmation as "必填。 → 资格审核中": its event had
 * no label, and the catalogue's fallback stood in. Every event the demo data's whole cycle records (both halves,
 * notice, approval, publication) has a label in both languages.
 */
import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { seedDemo } from '../../db/seed'
import { translator } from '~/i18n'
import { en } from '~/i18n/en'
import { zh } from '~/i18n/zh'

describe('the record of the demo data', () => {
  it('names every event it recorded, in Chinese and in English', async () => {
    const db = getDb()
    await seedDemo(db, 2041)
    const events = (await db.selectFrom('audit_log').select('event').distinct().execute()).map((row) => row.event)
    expect(events).toContain('CONFIRM_CONDITION')
    const unlabelled = events.filter((event) => !(`event.${event}` in zh) || !(`event.${event}` in en))
    expect(unlabelled).toEqual([])
    expect(translator('zh')(`event.CONFIRM_CONDITION` as 'event.SUBMIT')).toBe('确认资格条件')
  })
})
