import { deepFreeze } from '../deep-freeze'
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

/**
 * An edition's tree is written once, by the migration that publishes it, and never changed: each database handle
 * reads it once (a transaction's handle reads its own). Frozen, so that no page can change what the next one reads.
 */
const treesOfDatabases = new WeakMap<Executor, Map<number, Promise<CriteriaTree>>>()

/** The criteria tree of one edition, categories and items in their published order. */
export function getCriteriaTree(db: Executor, editionId: number): Promise<CriteriaTree> {
  let trees = treesOfDatabases.get(db)
  if (!trees) treesOfDatabases.set(db, (trees = new Map()))
  let tree = trees.get(editionId)
  if (!tree) {
    tree = readCriteriaTree(db, editionId).then(deepFreeze)
    trees.set(editionId, tree)
    tree.catch(() => trees.delete(editionId))
  }
  return tree
}

async function readCriteriaTree(db: Executor, editionId: number): Promise<CriteriaTree> {
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
