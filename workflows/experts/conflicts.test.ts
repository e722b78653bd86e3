import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { conflictIndex, conflictsOf, type ExpertTies } from './conflicts'

const applicant = { name: '深圳市鹏城电子有限公司', uscc: '91440300708461136T' }
const expert = (ties: Partial<ExpertTies>): ExpertTies => ({
  id: 1,
  employerName: '深圳大学',
  employerUscc: null,
  relations: [],
  ...ties,
})
const today = '2026-11-27'

describe('conflicts of interest, computed', () => {
  it('finds the same current employer, by credit code or by name', () => {
    expect(
      conflictsOf(expert({ employerName: '鹏城电子', employerUscc: '91440300708461136T' }), applicant, today),
    ).toEqual([{ kind: 'currentEmployer', name: '鹏城电子' }])
    expect(conflictsOf(expert({ employerName: '深圳市鹏城电子有限公司 ' }), applicant, today)).toEqual([
      { kind: 'currentEmployer', name: '深圳市鹏城电子有限公司 ' },
    ])
    // Names are compared whole: a longer or shorter name is another organisation.
    expect(conflictsOf(expert({ employerName: '深圳市鹏城电子' }), applicant, today)).toEqual([])
    // Two credit codes that differ are two organisations, whatever their names say.
    expect(
      conflictsOf(
        expert({ employerName: '深圳市鹏城电子有限公司', employerUscc: '91440300192203821X' }),
        applicant,
        today,
      ),
    ).toEqual([])
  })

  it('counts a former employer or consulting client for three years after the tie ended, or while it runs', () => {
    const tie = (kind: 'formerEmployer' | 'consultingClient', endedOn: string | null) =>
      conflictsOf(
        expert({ relations: [{ kind, name: '深圳市鹏城电子有限公司', uscc: null, endedOn }] }),
        applicant,
        today,
      )
    expect(tie('formerEmployer', '2023-11-27')).toEqual([{ kind: 'formerEmployer', name: '深圳市鹏城电子有限公司' }])
    expect(tie('formerEmployer', '2023-11-26')).toEqual([])
    expect(tie('consultingClient', null)).toEqual([{ kind: 'consultingClient', name: '深圳市鹏城电子有限公司' }])
    expect(tie('consultingClient', '2021-01-01')).toEqual([])
  })

  it("counts a declared relative's employer and a declared competitor whenever they were declared", () => {
    const result = conflictsOf(
      expert({
        relations: [
          { kind: 'relativeEmployer', name: '深圳市鹏城电子有限公司', uscc: null, endedOn: '2001-01-01' },
          { kind: 'competitor', name: '其他公司', uscc: '91440300708461136T', endedOn: null },
        ],
      }),
      applicant,
      today,
    )
    expect(result.map((c) => c.kind)).toEqual(['relativeEmployer', 'competitor'])
  })

  it('matches a credit code however it was typed: spaces, hyphens, full-width characters, lower case', () => {
    for (const typed of [
      '91440300 708461136T',
      '9144 0300-7084 6113 6t',
      '９１４４０３００７０８４６１１３６Ｔ',
      ' 91440300708461136t ',
    ]) {
      expect(conflictsOf(expert({ employerName: '鹏城电子', employerUscc: typed }), applicant, today), typed).toEqual([
        { kind: 'currentEmployer', name: '鹏城电子' },
      ])
      expect(conflictIndex([expert({ employerName: '鹏城电子', employerUscc: typed })], today)(applicant).has(1)).toBe(
        true,
      )
    }
    // Text that is no credit code leaves the comparison to the name.
    expect(
      conflictsOf(expert({ employerName: '深圳市鹏城电子有限公司', employerUscc: '不详' }), applicant, today),
    ).toEqual([{ kind: 'currentEmployer', name: '深圳市鹏城电子有限公司' }])
  })

  it('matches a name however it was typed: punctuation, spacing, case and full-width forms', () => {
    const client = { name: 'Shenzhen Pengcheng Electronics Co., Ltd.', uscc: '91440300708461136T' }
    for (const typed of [
      'Shenzhen Pengcheng Electronics Co.,Ltd',
      'SHENZHEN PENGCHENG ELECTRONICS CO LTD',
      'Ｓｈｅｎｚｈｅｎ　Ｐｅｎｇｃｈｅｎｇ Electronics Co．，Ltd．',
    ]) {
      const ties = expert({ relations: [{ kind: 'consultingClient', name: typed, uscc: null, endedOn: null }] })
      expect(conflictsOf(ties, client, today), typed).toEqual([{ kind: 'consultingClient', name: typed }])
      expect(conflictIndex([ties], today)(client).has(1), typed).toBe(true)
    }
    expect(
      conflictsOf(
        expert({ employerName: '深圳市鹏城电子（集团）有限公司' }),
        { ...applicant, name: '深圳市鹏城电子(集团)有限公司' },
        today,
      ),
    ).toHaveLength(1)
    // Still whole names: one more word is another organisation.
    expect(
      conflictsOf(expert({ employerName: 'Shenzhen Pengcheng Electronics Technology Co., Ltd.' }), client, today),
    ).toEqual([])
  })

  it('finds through the index exactly what the rules find pair by pair', () => {
    const names = [
      '深圳市鹏城电子有限公司',
      '前海物流集团',
      '南山医疗服务中心',
      '深圳湾精密仪器有限公司',
      '前海 物流集团。',
    ]
    const codes = ['91440300708461136T', '91440300192203821X', '91440300 192203821x', 'n/a', null]
    const tie = fc.record({
      kind: fc.constantFrom('formerEmployer', 'consultingClient', 'relativeEmployer', 'competitor' as const),
      name: fc.constantFrom(...names),
      uscc: fc.constantFrom(...codes),
      endedOn: fc.constantFrom(null, '2020-05-01', '2024-05-01'),
    })
    const pool = fc.uniqueArray(
      fc.record({
        id: fc.nat(100),
        employerName: fc.constantFrom(...names),
        employerUscc: fc.constantFrom(...codes),
        relations: fc.array(tie, { maxLength: 3 }),
      }),
      { selector: (e) => e.id, maxLength: 15 },
    )
    fc.assert(
      fc.property(
        pool,
        fc.constantFrom(...names),
        fc.constantFrom('91440300708461136T', '91440300192203821X'),
        (experts, name, uscc) => {
          const party = { name, uscc }
          const indexed = conflictIndex(experts as ExpertTies[], today)(party)
          for (const e of experts as ExpertTies[]) expect(indexed.get(e.id) ?? []).toEqual(conflictsOf(e, party, today))
        },
      ),
      { numRuns: 500 },
    )
  })
})
