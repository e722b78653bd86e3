import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { listExperts } from '../../db/repositories/experts'
import * as importRoute from '~/routes/admin.experts.import'
import * as exportRoute from '~/routes/admin.experts[.]xlsx'
import { readSheet } from '~/utils/spreadsheet.server'
import { checkExpertRows } from '~/utils/expert-import.server'
import { xlsxBomb, xlsxRows } from '../fixtures/spreadsheets'
import { world } from '../integration/helpers'
import { args, get, respond, upload } from './http'

const header = ['姓名', '电子邮箱', '类别', '专业领域', '熟悉行业', '现任职单位', '关联单位']
const rows = [
  [
    '孙评审',
    'sun@experts.example',
    '评审员',
    '卓越绩效',
    '电子信息、物流',
    '深圳大学',
    '咨询服务对象|前海物流集团|2024-05-31；竞争单位|深圳湾精密仪器有限公司',
  ],
  ['', 'nameless@experts.example', '行业专家', '物流', '物流', '', ''],
  ['钱评审', 'SUN@experts.example', '评审员', '财务', '金融', '', ''],
  ['李评审', 'li@experts.example', '行业专家', '医疗', '外星行业', '', ''],
]

async function xlsx(data: string[][]): Promise<File> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('专家')
  for (const row of data) sheet.addRow(row)
  const buffer = await workbook.xlsx.writeBuffer()
  return new File([buffer], '专家名单.xlsx', {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  })
}

interface Answer {
  report: Array<{ row: number; errors: Record<string, string> }>
  imported: number
  withErrors: number
  messageKey?: string
}

describe('importing experts from a file', () => {
  it('reports every row and imports nothing from a file with errors, unless told to import the good rows', async () => {
    const w = await world()
    const file = await xlsx([header, ...rows])
    const refused = await respond(async () =>
      importRoute.action(args(await upload('/admin/experts/import', file, {}, { userId: w.admin.userId }))),
    )
    expect(refused.status).toBe(400)
    const report = (await refused.json()) as Answer
    expect(report.imported).toBe(0)
    expect(report.report.map((r) => [r.row, r.errors])).toEqual([
      [2, {}],
      [3, { name: 'errors.required' }],
      [4, { email: 'errors.duplicateInFile' }],
      [5, { industries: 'errors.unknownIndustry' }],
    ])
    expect((await listExperts(w.db)).some((e) => e.email === 'sun@experts.example')).toBe(false)

    const good = await respond(async () =>
      importRoute.action(
        args(
          await upload(
            '/admin/experts/import',
            await xlsx([header, ...rows]),
            { importGood: 'yes' },
            { userId: w.admin.userId },
          ),
        ),
      ),
    )
    expect(good.status).toBe(200)
    expect(((await good.json()) as Answer).imported).toBe(1)
    const sun = (await listExperts(w.db)).find((e) => e.email === 'sun@experts.example')!
    expect(sun).toMatchObject({
      display_name: '孙评审',
      kind: 'examiner',
      industries: ['electronics', 'logistics'],
      employer_name: '深圳大学',
      passwordSet: false,
    })
    expect(sun.relations).toEqual([
      { kind: 'consultingClient', name: '前海物流集团', uscc: null, endedOn: '2024-05-31' },
      { kind: 'competitor', name: '深圳湾精密仪器有限公司', uscc: null, endedOn: null },
    ])
    // Imported experts are invited like added ones; a second import of the same list finds them taken.
    expect(
      await w.db.selectFrom('outbox').select('kind').where('recipient', '=', 'sun@experts.example').execute(),
    ).toEqual([{ kind: 'account.INVITED' }])
    const again = await respond(async () =>
      importRoute.action(
        args(await upload('/admin/experts/import', await xlsx([header, rows[0]!]), {}, { userId: w.admin.userId })),
      ),
    )
    expect(((await again.json()) as Answer).report[0]!.errors).toEqual({ email: 'auth.emailTaken' })
  })

  it('reads a UTF-8 CSV with a BOM and English headers, and refuses a file it cannot read or a header it does not know', async () => {
    const w = await world()
    const csv = new File(
      ['\uFEFFname,email,kind,fields,industries\n周评审,zhou@experts.example,industry expert,物流,Logistics\n'],
      'experts.csv',
      { type: 'text/csv' },
    )
    const ok = await respond(async () =>
      importRoute.action(args(await upload('/admin/experts/import', csv, {}, { userId: w.admin.userId }))),
    )
    expect(((await ok.json()) as Answer).imported).toBe(1)
    expect((await listExperts(w.db)).find((e) => e.email === 'zhou@experts.example')).toMatchObject({
      kind: 'industryExpert',
      industries: ['logistics'],
    })
    const noHeader = new File(['a,b\n1,2\n'], 'x.csv', { type: 'text/csv' })
    expect(
      await (
        await respond(async () =>
          importRoute.action(args(await upload('/admin/experts/import', noHeader, {}, { userId: w.admin.userId }))),
        )
      ).json(),
    ).toMatchObject({ messageKey: 'errors.importHeader' })
    const binary = new File([new Uint8Array([0xff, 0xfe, 0x00, 0x81])], 'x.csv', { type: 'text/csv' })
    expect(
      await (
        await respond(async () =>
          importRoute.action(args(await upload('/admin/experts/import', binary, {}, { userId: w.admin.userId }))),
        )
      ).json(),
    ).toMatchObject({ messageKey: 'errors.sheetUnreadable' })
    const asReviewer = await respond(async () =>
      importRoute.action(args(await upload('/admin/experts/import', csv, {}, { userId: w.reviewers[0]!.userId }))),
    )
    expect(asReviewer.status).toBe(403)
  })

  it('refuses a zip bomb and a list of 100,000 rows with their reasons, importing nothing', async () => {
    const w = await world()
    const before = (await listExperts(w.db)).length
    const cases = [
      { file: xlsxBomb(300), messageKey: 'errors.sheetTooLarge' },
      { file: xlsxRows(100_000), messageKey: 'errors.sheetTooLong' },
    ]
    for (const { file, messageKey } of cases) {
      const sheet = new File([new Uint8Array(file)], '专家名单.xlsx', {
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      })
      const answer = await respond(async () =>
        importRoute.action(args(await upload('/admin/experts/import', sheet, {}, { userId: w.admin.userId }))),
      )
      expect(answer.status).toBe(400)
      expect(await answer.json()).toMatchObject({ messageKey })
    }
    expect(await listExperts(w.db)).toHaveLength(before)
  })

  it('exports the pool in the import\u2019s own columns, so an exported list reads back as the same experts', async () => {
    const w = await world()
    await respond(async () =>
      importRoute.action(
        args(await upload('/admin/experts/import', await xlsx([header, rows[0]!]), {}, { userId: w.admin.userId })),
      ),
    )
    // The test's own experts were made without fields of expertise, which an import requires.
    await w.db.updateTable('experts').set({ fields: '质量管理' }).where('fields', '=', '').execute()
    const response = await respond(async () =>
      exportRoute.loader(args(await get('/admin/experts.xlsx', w.admin.userId))),
    )
    expect(response.headers.get('content-disposition')).toContain('experts.xlsx')
    const sheet = await readSheet(new Uint8Array(await response.arrayBuffer()))
    expect(sheet[0]!.slice(0, 9)).toEqual([
      '姓名',
      '电子邮箱',
      '类别',
      '专业领域',
      '熟悉行业',
      '现任职单位',
      '单位统一社会信用代码',
      '资格',
      '关联单位',
    ])
    const { good, report } = checkExpertRows(sheet, new Set())
    expect(report.filter((r) => Object.keys(r.errors).length > 0)).toEqual([])
    const pool = await listExperts(w.db)
    for (const expert of good) {
      const original = pool.find((e) => e.email === expert.email)!
      expect(expert.record).toMatchObject({
        kind: original.kind,
        industries: original.industries,
        employerName: original.employer_name,
      })
      expect(expert.relations).toEqual(original.relations)
    }
    expect(good.find((e) => e.email === 'sun@experts.example')!.relations).toHaveLength(2)
  })
})
