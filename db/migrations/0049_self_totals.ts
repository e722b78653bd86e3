import type { Kysely } from 'kysely'
import { readDraftSelfAssessment } from '../../workflows/application/application-draft.schema'
import { selfTotal } from '../../workflows/review/self-scoring'

/**
 * Each submitted application's self-assessed total (issue 23: how well applicants judge themselves across the cycle),
 * kept at submission beside the experts' stored score, so the analytics read two narrow tables rather than every
 * self-assessment. Filled here for the applications already submitted, with the function submission uses.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('application_self_totals')
    .addColumn('application_id', 'integer', (col) => col.primaryKey().references('applications.id'))
    .addColumn('items_scored', 'integer', (col) => col.notNull())
    // Hundredths of a point; null unless every item was self-scored.
    .addColumn('points', 'integer')
    .execute()
  const editions = new Map<number, Array<{ points: number }>>()
  const itemsOf = async (editionId: number) => {
    let items = editions.get(editionId)
    if (!items) {
      items = (await db
        .selectFrom('criteria_items')
        .innerJoin('criteria_categories', 'criteria_categories.id', 'criteria_items.category_id')
        .select('criteria_items.points')
        .where('criteria_categories.edition_id', '=', editionId)
        .orderBy('criteria_categories.position')
        .orderBy('criteria_items.position')
        .execute()) as Array<{ points: number }>
      editions.set(editionId, items)
    }
    return items
  }
  const submitted = (await db
    .selectFrom('applications')
    .innerJoin('cycles', 'cycles.id', 'applications.cycle_id')
    .innerJoin('application_texts', 'application_texts.application_id', 'applications.id')
    .select(['applications.id', 'cycles.edition_id', 'application_texts.self_assessment'])
    .where('applications.submitted_at', 'is not', null)
    .execute()) as Array<{ id: number; edition_id: number; self_assessment: string | null }>
  for (const row of submitted) {
    // Read as submission reads it (whenever and however the draft was saved).
    const total = selfTotal(readDraftSelfAssessment(row.self_assessment).selfScores, await itemsOf(row.edition_id))
    await db
      .insertInto('application_self_totals')
      .values({ application_id: row.id, items_scored: total.itemsScored, points: total.points })
      .execute()
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('application_self_totals').execute()
}
