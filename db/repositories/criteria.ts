import type { Executor } from './types'

export interface CriteriaTree {
  categories: Array<{
    id: number
    code: string
    name_zh: string
    name_en: string
    points: number
    kind: 'process' | 'results'
    items: Array<{ id: number; code: string; name_zh: string; name_en: string; points: number }>
  }>
}

/** The criteria tree of one edition, categories and items in their published order. */
export async function getCriteriaTree(db: Executor, editionId: number): Promise<CriteriaTree> {
  const categories = await db
    .selectFrom('criteria_categories')
    .select(['id', 'code', 'name_zh', 'name_en', 'points', 'kind'])
    .where('edition_id', '=', editionId)
    .orderBy('position')
    .execute()
  const items = await db
    .selectFrom('criteria_items')
    .innerJoin('criteria_categories', 'criteria_categories.id', 'criteria_items.category_id')
    .select([
      'criteria_items.id',
      'criteria_items.category_id',
      'criteria_items.code',
      'criteria_items.name_zh',
      'criteria_items.name_en',
      'criteria_items.points',
    ])
    .where('criteria_categories.edition_id', '=', editionId)
    .orderBy('criteria_items.position')
    .execute()
  return {
    categories: categories.map((category) => ({
      ...category,
      items: items.filter((item) => item.category_id === category.id).map(({ category_id: _, ...item }) => item),
    })),
  }
}

export async function getEditionByCode(db: Executor, code: string) {
  return db.selectFrom('criteria_editions').selectAll().where('code', '=', code).executeTakeFirst()
}
