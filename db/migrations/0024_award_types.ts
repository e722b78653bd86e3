import { type Kysely, sql } from 'kysely'

/**
 * The award types of the newest rules, as levels: 提名奖 (nomination award) below a category's levels, 项目奖
 * (project award) for project entries, and 特别贡献奖 (special contribution) outside the quota, given only in a
 * cycle that enables it. A level says which entries it is for (organisation or project) and whether it is
 * outside the quota. Open cycles get the three levels with no places, for the secretariat to set; published
 * cycles keep what they had.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('award_levels')
    .addColumn('award_type', 'text', (c) =>
      c
        .notNull()
        .defaultTo('organisation')
        .check(sql`award_type in ('organisation', 'project')`),
    )
    .execute()
  await db.schema
    .alterTable('award_levels')
    .addColumn('outside_quota', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .alterTable('cycles')
    .addColumn('special_award_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await sql`
    insert into award_levels (cycle_id, category_code, code, name_zh, name_en, quota, rank, award_type, outside_quota)
    select c.cycle_id, c.code, l.code, l.name_zh, l.name_en, 0,
           (select coalesce(max(rank), 0) from award_levels a where a.cycle_id = c.cycle_id and a.category_code = c.code) + l.step,
           l.award_type, l.outside_quota
    from cycle_categories c
    join cycles y on y.id = c.cycle_id and y.results_published_at is null
    cross join (
      select 'nomination' as code, '提名奖' as name_zh, 'Nomination award' as name_en, 1 as step, 'organisation' as award_type, 0 as outside_quota
      union all select 'project', '项目奖', 'Project award', 2, 'project', 0
      union all select 'special', '特别贡献奖', 'Special contribution award', 3, 'organisation', 1
    ) l
    where not exists (select 1 from award_levels a where a.cycle_id = c.cycle_id and a.category_code = c.code and a.code = l.code)
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from award_levels where code in ('nomination', 'project', 'special') and quota = 0`.execute(db)
  await db.schema.alterTable('cycles').dropColumn('special_award_enabled').execute()
  await db.schema.alterTable('award_levels').dropColumn('outside_quota').execute()
  await db.schema.alterTable('award_levels').dropColumn('award_type').execute()
}
