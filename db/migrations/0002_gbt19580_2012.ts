import type { Kysely } from 'kysely'

// GB/T 19580-2012 卓越绩效评价准则: 7 categories, 23 items, 1000 points. Reference data, frozen here as it was
// published; a later edition (or Baldrige, EFQM) is another migration with another edition code.
const tree: Array<{
  code: string
  zh: string
  en: string
  kind: 'process' | 'results'
  items: Array<[code: string, zh: string, en: string, points: number]>
}> = [
  {
    code: '4.1',
    zh: '领导',
    en: 'Leadership',
    kind: 'process',
    items: [
      ['4.1.2', '高层领导的作用', 'Role of senior leaders', 50],
      ['4.1.3', '组织治理', 'Organisational governance', 30],
      ['4.1.4', '社会责任', 'Social responsibility', 30],
    ],
  },
  {
    code: '4.2',
    zh: '战略',
    en: 'Strategy',
    kind: 'process',
    items: [
      ['4.2.2', '战略制定', 'Strategy development', 40],
      ['4.2.3', '战略部署', 'Strategy deployment', 50],
    ],
  },
  {
    code: '4.3',
    zh: '顾客与市场',
    en: 'Customers and market',
    kind: 'process',
    items: [
      ['4.3.2', '顾客和市场的了解', 'Customer and market knowledge', 40],
      ['4.3.3', '顾客关系与顾客满意', 'Customer relationships and satisfaction', 50],
    ],
  },
  {
    code: '4.4',
    zh: '资源',
    en: 'Resources',
    kind: 'process',
    items: [
      ['4.4.2', '人力资源', 'Human resources', 60],
      ['4.4.3', '财务资源', 'Financial resources', 15],
      ['4.4.4', '信息和知识资源', 'Information and knowledge resources', 20],
      ['4.4.5', '技术资源', 'Technology resources', 15],
      ['4.4.6', '基础设施', 'Infrastructure', 10],
      ['4.4.7', '相关方关系', 'Partner relationships', 10],
    ],
  },
  {
    code: '4.5',
    zh: '过程管理',
    en: 'Process management',
    kind: 'process',
    items: [
      ['4.5.2', '过程的识别与设计', 'Process identification and design', 50],
      ['4.5.3', '过程的实施与改进', 'Process implementation and improvement', 50],
    ],
  },
  {
    code: '4.6',
    zh: '测量、分析与改进',
    en: 'Measurement, analysis and improvement',
    kind: 'process',
    items: [
      ['4.6.2', '测量、分析和评价', 'Measurement, analysis and evaluation', 40],
      ['4.6.3', '改进与创新', 'Improvement and innovation', 40],
    ],
  },
  {
    code: '4.7',
    zh: '结果',
    en: 'Results',
    kind: 'results',
    items: [
      ['4.7.2', '产品和服务结果', 'Product and service results', 80],
      ['4.7.3', '顾客与市场结果', 'Customer and market results', 80],
      ['4.7.4', '财务结果', 'Financial results', 80],
      ['4.7.5', '资源结果', 'Resource results', 60],
      ['4.7.6', '过程有效性结果', 'Process effectiveness results', 50],
      ['4.7.7', '领导方面的结果', 'Leadership results', 50],
    ],
  },
]

export async function up(db: Kysely<any>): Promise<void> {
  const edition = await db
    .insertInto('criteria_editions')
    .values({
      code: 'GB/T 19580-2012',
      name_zh: '卓越绩效评价准则（GB/T 19580-2012）',
      name_en: 'Criteria for Performance Excellence (GB/T 19580-2012)',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const [position, category] of tree.entries()) {
    const points = category.items.reduce((sum, item) => sum + item[3], 0)
    const row = await db
      .insertInto('criteria_categories')
      .values({
        edition_id: edition.id,
        code: category.code,
        name_zh: category.zh,
        name_en: category.en,
        points,
        kind: category.kind,
        position,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('criteria_items')
      .values(
        category.items.map(([code, zh, en, itemPoints], itemPosition) => ({
          category_id: row.id,
          code,
          name_zh: zh,
          name_en: en,
          points: itemPoints,
          position: itemPosition,
        })),
      )
      .execute()
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const edition = await db
    .selectFrom('criteria_editions')
    .select('id')
    .where('code', '=', 'GB/T 19580-2012')
    .executeTakeFirst()
  if (!edition) return
  const categoryIds = db.selectFrom('criteria_categories').select('id').where('edition_id', '=', edition.id)
  await db.deleteFrom('criteria_items').where('category_id', 'in', categoryIds).execute()
  await db.deleteFrom('criteria_categories').where('edition_id', '=', edition.id).execute()
  await db.deleteFrom('criteria_editions').where('id', '=', edition.id).execute()
}
