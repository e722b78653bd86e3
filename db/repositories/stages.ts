import type { PanelStage } from '../schema'
import type { Executor } from './types'

/** The defence slot of an application, if one is set. */
export function getDefence(db: Executor, applicationId: number) {
  return db.selectFrom('defences').selectAll().where('application_id', '=', applicationId).executeTakeFirst()
}

/** Sets or moves the slot; a moved slot needs the applicant's confirmation again. */
export async function upsertDefence(
  db: Executor,
  slot: { applicationId: number; startsAt: string; minutes: number; place: string; at: string },
): Promise<void> {
  await db
    .insertInto('defences')
    .values({
      application_id: slot.applicationId,
      starts_at: slot.startsAt,
      minutes: slot.minutes,
      place: slot.place,
      scheduled_at: slot.at,
    })
    .onConflict((oc) =>
      oc.column('application_id').doUpdateSet({
        starts_at: slot.startsAt,
        minutes: slot.minutes,
        place: slot.place,
        scheduled_at: slot.at,
        confirmed_at: null,
      }),
    )
    .execute()
}

export async function recordPresentation(
  db: Executor,
  applicationId: number,
  file: { filename: string; sha256: string; size: number; at: string },
): Promise<void> {
  await db
    .updateTable('defences')
    .set({
      presentation_filename: file.filename,
      presentation_sha256: file.sha256,
      presentation_size: file.size,
      presentation_uploaded_at: file.at,
    })
    .where('application_id', '=', applicationId)
    .execute()
}

export function getSiteVisit(db: Executor, applicationId: number) {
  return db.selectFrom('site_visits').selectAll().where('application_id', '=', applicationId).executeTakeFirst()
}

export async function upsertSiteVisit(
  db: Executor,
  visit: { applicationId: number; visitDate: string; address: string; at: string },
): Promise<void> {
  await db
    .insertInto('site_visits')
    .values({
      application_id: visit.applicationId,
      visit_date: visit.visitDate,
      address: visit.address,
      scheduled_at: visit.at,
    })
    .onConflict((oc) =>
      oc.column('application_id').doUpdateSet({
        visit_date: visit.visitDate,
        address: visit.address,
        scheduled_at: visit.at,
        confirmed_at: null,
      }),
    )
    .execute()
}

/** The applicant's confirmation of its slot or visit; false when there is none to confirm. */
export async function confirmStage(
  db: Executor,
  stage: PanelStage,
  applicationId: number,
  at: string,
): Promise<boolean> {
  const table = stage === 'defence' ? 'defences' : 'site_visits'
  const result = await db
    .updateTable(table)
    .set({ confirmed_at: at })
    .where('application_id', '=', applicationId)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function markSiteVisitRecorded(db: Executor, applicationId: number, at: string): Promise<void> {
  await db.updateTable('site_visits').set({ recorded_at: at }).where('application_id', '=', applicationId).execute()
}

/** A panel's or team's experts, the team leader first. */
export function listPanel(db: Executor, stage: PanelStage, applicationId: number) {
  return db
    .selectFrom('panel_members')
    .innerJoin('users', 'users.id', 'panel_members.expert_user_id')
    .select([
      'panel_members.expert_user_id',
      'panel_members.is_leader',
      'panel_members.declared_at',
      'users.display_name',
      'users.email',
    ])
    .where('panel_members.stage', '=', stage)
    .where('panel_members.application_id', '=', applicationId)
    .where('panel_members.recused_at', 'is', null)
    .orderBy('panel_members.is_leader', 'desc')
    .orderBy('panel_members.id')
    .execute()
}

export function findPanelMember(db: Executor, stage: PanelStage, applicationId: number, userId: number) {
  return db
    .selectFrom('panel_members')
    .select(['id', 'expert_user_id', 'is_leader', 'declared_at'])
    .where('stage', '=', stage)
    .where('application_id', '=', applicationId)
    .where('expert_user_id', '=', userId)
    .where('recused_at', 'is', null)
    .executeTakeFirst()
}

/** A member's declaration: no conflict (the file opens), or a conflict (the member leaves the panel). */
export async function recordPanelDeclaration(
  db: Executor,
  seatId: number,
  declaration: { at: string; conflictReason: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('panel_members')
    .set({
      declared_at: declaration.at,
      recused_at: declaration.conflictReason === null ? null : declaration.at,
      recusal_reason: declaration.conflictReason,
    })
    .where('id', '=', seatId)
    .where('declared_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function insertPanel(
  db: Executor,
  stage: PanelStage,
  applicationId: number,
  experts: readonly number[],
  /** A replacement for one who left takes the seat as it was (leading the team if the one who left did). */
  leads = stage === 'siteVisit',
): Promise<void> {
  if (experts.length === 0) return
  // The first chosen leads a site-visit team; a defence panel has no leader.
  await db
    .insertInto('panel_members')
    .values(
      experts.map((id, index) => ({
        stage,
        application_id: applicationId,
        expert_user_id: id,
        is_leader: leads && index === 0 ? (1 as const) : (0 as const),
      })),
    )
    .execute()
}

/** Panel and team seats each expert holds in a cycle: the second half's draws spread the work as the first does. */
export async function panelLoads(db: Executor, cycleId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('panel_members')
    .innerJoin('applications', 'applications.id', 'panel_members.application_id')
    .select(['panel_members.expert_user_id', (eb) => eb.fn.countAll<number>().as('seats')])
    .where('applications.cycle_id', '=', cycleId)
    .where('panel_members.recused_at', 'is', null)
    .groupBy('panel_members.expert_user_id')
    .execute()
  return new Map(rows.map((r) => [r.expert_user_id, Number(r.seats)]))
}

export async function insertPanelDraw(
  db: Executor,
  draw: {
    stage: PanelStage
    applicationId: number
    seed: number
    candidates: unknown
    exclusions: unknown
    chosen: readonly number[]
    actorUserId: number
    at: string
    loadCap: number
    industry: string
    needed: number
  },
): Promise<void> {
  await db
    .insertInto('panel_draws')
    .values({
      stage: draw.stage,
      application_id: draw.applicationId,
      seed: draw.seed,
      candidates: JSON.stringify(draw.candidates),
      exclusions: JSON.stringify(draw.exclusions),
      chosen: JSON.stringify(draw.chosen),
      actor_user_id: draw.actorUserId,
      at: draw.at,
      load_cap: draw.loadCap,
      industry: draw.industry,
      needed: draw.needed,
    })
    .execute()
}

export function listPanelDraws(db: Executor, applicationId: number) {
  return db.selectFrom('panel_draws').selectAll().where('application_id', '=', applicationId).orderBy('id').execute()
}

export function findDefenceSheet(db: Executor, applicationId: number, userId: number) {
  return db
    .selectFrom('defence_sheets')
    .selectAll()
    .where('application_id', '=', applicationId)
    .where('expert_user_id', '=', userId)
    .executeTakeFirst()
}

export function listDefenceSheetScores(db: Executor, sheetId: number) {
  return db.selectFrom('defence_scores').select(['category_id', 'percentage']).where('sheet_id', '=', sheetId).execute()
}

/**
 * Writes a panel member's sheet: created on first save, otherwise only if its version is the one the form
 * carried. Returns the new version, or null when the sheet changed meanwhile.
 */
export async function saveDefenceSheet(
  db: Executor,
  sheet: {
    applicationId: number
    userId: number
    expectedVersion: number | null
    notes: string
    scores: ReadonlyMap<number, number>
    submit: boolean
    at: string
  },
): Promise<number | null> {
  const existing = await findDefenceSheet(db, sheet.applicationId, sheet.userId)
  let sheetId: number
  let version: number
  const status = sheet.submit ? ('submitted' as const) : ('draft' as const)
  const submittedAt = sheet.submit ? sheet.at : null
  if (!existing) {
    const row = await db
      .insertInto('defence_sheets')
      .values({
        application_id: sheet.applicationId,
        expert_user_id: sheet.userId,
        notes: sheet.notes,
        status,
        updated_at: sheet.at,
        submitted_at: submittedAt,
      })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow()
    sheetId = row.id
    version = row.version
  } else {
    if (sheet.expectedVersion !== existing.version) return null
    const result = await db
      .updateTable('defence_sheets')
      .set({
        notes: sheet.notes,
        status,
        updated_at: sheet.at,
        submitted_at: submittedAt,
        version: existing.version + 1,
      })
      .where('id', '=', existing.id)
      .where('version', '=', existing.version)
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) !== 1) return null
    sheetId = existing.id
    version = existing.version + 1
    await db.deleteFrom('defence_scores').where('sheet_id', '=', sheetId).execute()
  }
  if (sheet.scores.size > 0) {
    await db
      .insertInto('defence_scores')
      .values(
        [...sheet.scores].map(([categoryId, percentage]) => ({
          sheet_id: sheetId,
          category_id: categoryId,
          percentage,
        })),
      )
      .execute()
  }
  return version
}

/** Panel members of a defence and how many of their sheets are submitted. */
export async function countDefenceSheets(
  db: Executor,
  applicationId: number,
): Promise<{ panel: number; submitted: number }> {
  const row = await db
    .selectFrom('panel_members')
    .leftJoin('defence_sheets', (join) =>
      join
        .onRef('defence_sheets.application_id', '=', 'panel_members.application_id')
        .onRef('defence_sheets.expert_user_id', '=', 'panel_members.expert_user_id'),
    )
    .select([
      (eb) => eb.fn.countAll<number>().as('panel'),
      (eb) =>
        eb.fn
          .sum<number>(eb.case().when('defence_sheets.status', '=', 'submitted').then(1).else(0).end())
          .as('submitted'),
    ])
    .where('panel_members.stage', '=', 'defence')
    .where('panel_members.application_id', '=', applicationId)
    .where('panel_members.recused_at', 'is', null)
    .executeTakeFirstOrThrow()
  return { panel: Number(row.panel), submitted: Number(row.submitted ?? 0) }
}

/** Every panel member's sheet of one application, with the member's name (for the secretariat). */
export function listDefenceSheetsOfApplication(db: Executor, applicationId: number) {
  return db
    .selectFrom('defence_sheets')
    .innerJoin('users', 'users.id', 'defence_sheets.expert_user_id')
    .select([
      'defence_sheets.id',
      'defence_sheets.expert_user_id',
      'users.display_name',
      'defence_sheets.status',
      'defence_sheets.notes',
      'defence_sheets.submitted_at',
    ])
    .where('defence_sheets.application_id', '=', applicationId)
    .orderBy('defence_sheets.id')
    .execute()
}

/** Category points of every submitted defence sheet in a cycle (or of one application): the defence scores' input. */
export function listSubmittedDefenceScores(db: Executor, scope: { cycleId: number } | { applicationId: number }) {
  let query = db
    .selectFrom('defence_scores')
    .innerJoin('defence_sheets', 'defence_sheets.id', 'defence_scores.sheet_id')
    .innerJoin('criteria_categories', 'criteria_categories.id', 'defence_scores.category_id')
    .innerJoin('applications', 'applications.id', 'defence_sheets.application_id')
    .select([
      'defence_sheets.id as sheet_id',
      'defence_sheets.application_id',
      'criteria_categories.code as category_code',
      'criteria_categories.points as max_points',
      'defence_scores.percentage',
    ])
    .where('defence_sheets.status', '=', 'submitted')
  query =
    'cycleId' in scope
      ? query.where('applications.cycle_id', '=', scope.cycleId)
      : query.where('defence_sheets.application_id', '=', scope.applicationId)
  return query.execute()
}

export function listSiteVisitItems(db: Executor, applicationId: number) {
  return db
    .selectFrom('site_visit_items')
    .select(['item_id', 'percentage', 'note'])
    .where('application_id', '=', applicationId)
    .execute()
}

export function listSiteVisitFindings(db: Executor, applicationId: number) {
  return db
    .selectFrom('site_visit_findings')
    .select(['id', 'severity', 'text'])
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute()
}

/** The team's sheet replaced as a whole: its items and its findings, as the leader last saved them. */
export async function replaceSiteVisitSheet(
  db: Executor,
  applicationId: number,
  items: ReadonlyArray<{ itemId: number; percentage: number; note: string }>,
  findings: ReadonlyArray<{ severity: 'major' | 'minor'; text: string }>,
): Promise<void> {
  await db.deleteFrom('site_visit_items').where('application_id', '=', applicationId).execute()
  await db.deleteFrom('site_visit_findings').where('application_id', '=', applicationId).execute()
  for (let i = 0; i < items.length; i += 200) {
    await db
      .insertInto('site_visit_items')
      .values(
        items.slice(i, i + 200).map((item) => ({
          application_id: applicationId,
          item_id: item.itemId,
          percentage: item.percentage,
          note: item.note,
        })),
      )
      .execute()
  }
  if (findings.length > 0) {
    await db
      .insertInto('site_visit_findings')
      .values(findings.map((f) => ({ application_id: applicationId, severity: f.severity, text: f.text })))
      .execute()
  }
}

/** Version check on the team's sheet: the leader's form carries the visit's version. */
export async function bumpSiteVisitIfVersion(
  db: Executor,
  applicationId: number,
  expectedVersion: number,
): Promise<boolean> {
  const result = await db
    .updateTable('site_visits')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('application_id', '=', applicationId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Item points of every recorded site visit in a cycle (or of one application): the site-visit scores' input. */
export function listRecordedSiteVisitScores(db: Executor, scope: { cycleId: number } | { applicationId: number }) {
  let query = db
    .selectFrom('site_visit_items')
    .innerJoin('site_visits', 'site_visits.application_id', 'site_visit_items.application_id')
    .innerJoin('criteria_items', 'criteria_items.id', 'site_visit_items.item_id')
    .innerJoin('criteria_categories', 'criteria_categories.id', 'criteria_items.category_id')
    .innerJoin('applications', 'applications.id', 'site_visit_items.application_id')
    .select([
      'site_visit_items.application_id',
      'criteria_categories.code as category_code',
      'criteria_items.points as max_points',
      'site_visit_items.percentage',
    ])
    .where('site_visits.recorded_at', 'is not', null)
  query =
    'cycleId' in scope
      ? query.where('applications.cycle_id', '=', scope.cycleId)
      : query.where('site_visit_items.application_id', '=', scope.applicationId)
  return query.execute()
}

/** The defences and site visits an expert sits on, newest cycle first, with the application's stage. */
export function listPanelSeatsOfExpert(db: Executor, userId: number) {
  return db
    .selectFrom('panel_members')
    .innerJoin('applications', 'applications.id', 'panel_members.application_id')
    .innerJoin('organisations', 'organisations.id', 'applications.organisation_id')
    .innerJoin('cycles', 'cycles.id', 'applications.cycle_id')
    .leftJoin('defences', 'defences.application_id', 'panel_members.application_id')
    .leftJoin('site_visits', 'site_visits.application_id', 'panel_members.application_id')
    .leftJoin('defence_sheets', (join) =>
      join
        .onRef('defence_sheets.application_id', '=', 'panel_members.application_id')
        .onRef('defence_sheets.expert_user_id', '=', 'panel_members.expert_user_id'),
    )
    .select([
      'panel_members.stage',
      'panel_members.is_leader',
      'panel_members.application_id',
      'panel_members.declared_at',
      'organisations.name as organisation_name',
      'applications.status',
      'cycles.year',
      'defences.starts_at',
      'defences.minutes',
      'defences.place',
      'site_visits.visit_date',
      'site_visits.address',
      'site_visits.recorded_at',
      'defence_sheets.status as defence_sheet_status',
    ])
    .where('panel_members.expert_user_id', '=', userId)
    .where('panel_members.recused_at', 'is', null)
    .orderBy('cycles.year', 'desc')
    .orderBy('panel_members.id')
    .execute()
}

/** The cycle's other defence slots, with who sits on each panel: what a new or moved slot must not clash with. */
export async function listDefenceSlotsOfCycle(db: Executor, cycleId: number, exceptApplicationId: number) {
  const slots = await db
    .selectFrom('defences')
    .innerJoin('applications', 'applications.id', 'defences.application_id')
    .innerJoin('organisations', 'organisations.id', 'applications.organisation_id')
    .select([
      'defences.application_id',
      'defences.starts_at',
      'defences.minutes',
      'defences.place',
      'organisations.name as organisation_name',
    ])
    .where('applications.cycle_id', '=', cycleId)
    .where('defences.application_id', '!=', exceptApplicationId)
    .where('applications.status', '=', 'defenceScheduled')
    .execute()
  if (slots.length === 0) return []
  const members = await db
    .selectFrom('panel_members')
    .innerJoin('users', 'users.id', 'panel_members.expert_user_id')
    .select(['panel_members.application_id', 'panel_members.expert_user_id', 'users.display_name'])
    .where('panel_members.stage', '=', 'defence')
    .where('panel_members.recused_at', 'is', null)
    .where(
      'panel_members.application_id',
      'in',
      slots.map((slot) => slot.application_id),
    )
    .execute()
  return slots.map((slot) => ({
    ...slot,
    panel: members.filter((m) => m.application_id === slot.application_id),
  }))
}

/**
 * Defence slots and site visits, with the applicant's name and the cycle's year: of one organisation's applications
 * (what its calendar holds), or of a whole cycle (the secretariat's). Those not scheduled yet are left out.
 */
export function listStageSlots(
  db: Executor,
  scope: { organisationId: number } | { cycleId: number } | { applicationId: number },
) {
  let query = db
    .selectFrom('applications')
    .innerJoin('organisations', 'organisations.id', 'applications.organisation_id')
    .innerJoin('cycles', 'cycles.id', 'applications.cycle_id')
    .leftJoin('defences', 'defences.application_id', 'applications.id')
    .leftJoin('site_visits', 'site_visits.application_id', 'applications.id')
    .select([
      'applications.id as application_id',
      'organisations.name as organisation_name',
      'cycles.year',
      'defences.starts_at',
      'defences.minutes',
      'defences.place',
      'site_visits.visit_date',
      'site_visits.address',
    ])
    .where((eb) => eb.or([eb('defences.id', 'is not', null), eb('site_visits.id', 'is not', null)]))
    .where('applications.status', 'not in', ['withdrawn'])
  query =
    'organisationId' in scope
      ? query.where('applications.organisation_id', '=', scope.organisationId)
      : 'applicationId' in scope
        ? query.where('applications.id', '=', scope.applicationId)
        : query.where('applications.cycle_id', '=', scope.cycleId)
  return query.orderBy('applications.id').execute()
}
