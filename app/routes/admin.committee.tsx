import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { getDb } from '#db/client.server'
import {
  candidateParties,
  committeeMemberIds,
  listMemberTies,
  listRecusals,
  listTallies,
  listVotes,
} from '#db/repositories/committee'
import { getCurrentCycle } from '#db/repositories/cycles'
import type { CommitteeVote } from '#db/schema'
import { mayAct } from '#workflows/account/duties'
import {
  castVote,
  declareTie,
  decideByVote,
  withdrawTie,
  levelKeyOf,
  recuse,
  tallyFrom,
  underDeliberation,
} from '#workflows/committee/committee.server'
import { levelRefusal } from '#workflows/application/application.rules'
import { formatPoints } from '#workflows/review/scoring'
import { listSocialAnswers } from '#db/repositories/social'
import { listObjectionsForCommittee } from '#db/repositories/objections'
import { conflictedMembers, memberTieKinds } from '#workflows/committee/member-ties'
import type { Conflict } from '#workflows/experts/conflicts'
import { beijingToday } from '#workflows/time'
import { type SocialDepartment, socialDepartments } from '#workflows/social/departments'
import { cycleRanking } from '#workflows/review/standings.server'
import { CsrfInput } from '~/components/csrf-input'
import { FormError } from '~/components/form-error'
import { InlineChoices } from '~/components/inline-choices'
import { postedInteger } from '~/forms/form-data'
import { useLang, useT } from '~/hooks/use-i18n'
import { keyOf, localName } from '~/i18n'
import { cycleAwardLevels, cycleCategories } from '~/utils/cycle-reference.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { httpError, workflowFailure } from '~/utils/http.server'
import { readForm } from '~/utils/request.server'
import { formatDateTime } from '~/utils/format'
import { requireUser } from '~/utils/session.server'

/**
 * 审定: the committee's deliberation (issue 22). Each candidate before the committee with its rank and final score
 * term by term; for each level (and for no award) the votes so far against the cycle's quorum and majority; the
 * member's own vote, their recusal, and the decision recorded from a vote that carried.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireUser(request, 'admin')
  const db = getDb()
  const cycle = await getCurrentCycle(db)
  if (!cycle) throw httpError(404, 'errors.notFound')
  const [ranking, categories, levels, members] = await Promise.all([
    cycleRanking(db, cycle.id),
    cycleCategories(db, cycle.id),
    cycleAwardLevels(db, cycle.id),
    committeeMemberIds(db),
  ])
  const candidates = [...ranking.values()].flat().filter((entry) => underDeliberation(entry.status, cycle))
  const ids = candidates.map((c) => c.applicationId)
  const [votes, recusals, tallies, social, objections, ties, parties] = await Promise.all([
    listVotes(db, ids),
    listRecusals(db, ids),
    listTallies(db, ids),
    listSocialAnswers(db, ids),
    listObjectionsForCommittee(db, ids),
    listMemberTies(db, members),
    candidateParties(db, ids),
  ])
  const today = beijingToday()
  const memberName = new Map(ties.map((tie) => [tie.user_id, tie.member_name]))
  const categoryOf = new Map(
    [...ranking].flatMap(([code, entries]) => entries.map((entry) => [entry.applicationId, code] as const)),
  )
  return json({
    cycle: { name_zh: cycle.name_zh, name_en: cycle.name_en, vote: cycle.committee_vote === 1 },
    quorum: cycle.committee_quorum,
    majority: cycle.committee_majority,
    members: members.length,
    // The signed-in member's own declared ties, from which their conflicts are computed.
    myTies: mayAct(actor, 'decide')
      ? ties
          .filter((tie) => tie.user_id === actor.userId)
          .map((tie) => ({ id: tie.id, kind: tie.kind, name: tie.name, uscc: tie.uscc, endedOn: tie.ended_on }))
      : null,
    mayVote: mayAct(actor, 'decide') && cycle.committee_vote === 1,
    candidates: candidates.map((entry) => {
      const category = categoryOf.get(entry.applicationId) ?? ''
      const own = recusals.filter((r) => r.application_id === entry.applicationId)
      const party = parties.find((p) => p.application_id === entry.applicationId)
      const conflicted = party ? conflictedMembers(members, ties, party, today) : new Map<number, Conflict[]>()
      const mine = votes.filter((v) => v.application_id === entry.applicationId && v.member_user_id === actor.userId)
      const options = [
        ...levels
          .filter(
            (level) =>
              level.category_code === category &&
              levelRefusal(level, entry.awardType, cycle.special_award_enabled === 1) === null,
          )
          .map((level) => ({ levelId: level.id as number | null, name_zh: level.name_zh, name_en: level.name_en })),
        { levelId: null, name_zh: '', name_en: '' },
      ]
      return {
        id: entry.applicationId,
        version: entry.version,
        organisation: entry.organisationName,
        category: categories.find((c) => c.code === category) ?? null,
        rank: entry.rank,
        status: entry.status,
        decisionLevelId: entry.decisionLevelId,
        score: formatPoints(entry.terms?.final.total ?? entry.total),
        terms: entry.terms
          ? {
              document: formatPoints(entry.terms.document.total),
              defence: formatPoints(entry.terms.defence.total),
              siteVisit: formatPoints(entry.terms.siteVisit.total),
            }
          : null,
        recusals: own.map((r) => ({ name: r.member_name, reason: r.reason })),
        // Members left out of this vote by the ties they declared, and the signed-in member's own conflicts.
        conflicted: [...conflicted]
          .filter(([id]) => !own.some((r) => r.member_user_id === id))
          .map(([id, conflicts]) => ({ name: memberName.get(id) ?? '', conflicts })),
        myConflicts: conflicted.get(actor.userId) ?? [],
        // 社会评价: how many departments answered, and each adverse record with its note.
        social: {
          answered: social.filter((a) => a.application_id === entry.applicationId).length,
          total: socialDepartments.length,
          adverse: social
            .filter((a) => a.application_id === entry.applicationId && a.answer === 'adverse')
            .map((a) => ({ department: a.department as SocialDepartment, note: a.note })),
        },
        // The objections of the public notice against it (an upheld one is why a candidate is back), without the
        // objector's identity.
        objections: objections
          .filter((o) => o.application_id === entry.applicationId)
          .map((o) => ({
            id: o.id,
            content: o.content,
            evidence: o.evidence,
            filedAt: o.filed_at,
            status: o.status,
            resolution: o.resolution,
          })),
        iRecused: own.some((r) => r.member_user_id === actor.userId),
        options: options.map((option) => {
          const levelKey = levelKeyOf(option.levelId)
          return {
            ...option,
            tally: tallyFrom(
              members,
              own,
              votes.filter((v) => v.application_id === entry.applicationId),
              levelKey,
              cycle,
              new Set(conflicted.keys()),
            ),
            myVote: (mine.find((v) => v.level_key === levelKey)?.vote ?? null) as CommitteeVote | null,
            notes: votes
              .filter((v) => v.application_id === entry.applicationId && v.level_key === levelKey && v.note)
              .map((v) => ({ name: v.member_name, vote: v.vote, note: v.note })),
          }
        }),
        tallies: tallies
          .filter((t) => t.application_id === entry.applicationId)
          .map((t) => ({
            levelId: t.level_key === 0 ? null : t.level_key,
            for: t.for_votes,
            against: t.against_votes,
            abstain: t.abstentions,
            recused: t.recused,
            members: t.members,
            at: t.recorded_at,
          })),
      }
    }),
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireUser(request, 'admin')
  const form = await readForm(request)
  const db = getDb()
  const applicationId = postedInteger(form, 'applicationId')
  const level = form.get('levelId') ?? ''
  const levelId = level === '' ? null : postedInteger(form, 'levelId')
  try {
    switch (form.get('intent')) {
      case 'vote':
        await castVote(db, {
          actor,
          applicationId,
          levelId,
          vote: (form.get('vote') ?? '') as CommitteeVote,
          note: form.get('note') ?? '',
        })
        return redirectWithFlash(request, `/admin/committee#candidate-${applicationId}`, 'committee.voted')
      case 'declareTie':
        await declareTie(db, {
          actor,
          kind: form.get('kind') ?? '',
          name: form.get('name') ?? '',
          uscc: form.get('uscc') ?? '',
          endedOn: form.get('endedOn') ?? '',
        })
        return redirectWithFlash(request, '/admin/committee#ties', 'committee.tieDeclared')
      case 'withdrawTie':
        await withdrawTie(db, { actor, tieId: postedInteger(form, 'tieId') })
        return redirectWithFlash(request, '/admin/committee#ties', 'committee.tieWithdrawn')
      case 'recuse':
        await recuse(db, { actor, applicationId, reason: form.get('reason') ?? '' })
        return redirectWithFlash(request, `/admin/committee#candidate-${applicationId}`, 'committee.recusedFlash')
      case 'decide':
        await decideByVote(db, {
          actor,
          applicationId,
          levelId,
          reason: form.get('reason') ?? '',
          expectedVersion: postedInteger(form, 'version'),
        })
        return redirectWithFlash(request, `/admin/committee#candidate-${applicationId}`, 'committee.decided')
      default:
        return httpError(400, 'errors.notAllowedNow')
    }
  } catch (error) {
    return workflowFailure(error)
  }
}

export default function Committee() {
  const { cycle, quorum, majority, members, mayVote, candidates, myTies } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  // A member's ties to a candidate, as the expert pool words a conflict (近三年曾任职于…).
  const tiesText = (conflicts: ReadonlyArray<{ kind: string; name: string }>) =>
    conflicts.map((c) => t(keyOf(`conflict.${c.kind}`), { organisation: c.name })).join(t('list.separator'))
  const optionName = (option: { levelId: number | null; name_zh: string; name_en: string }) =>
    option.levelId === null ? t('admin.notAwarded') : localName(option, lang)
  return (
    <section>
      <h1>
        {t('committee.heading')} · {localName(cycle, lang)}
      </h1>
      <FormError />
      {cycle.vote ? (
        <p className="guide" data-testid="committee-rules">
          {t('committee.rules', {
            members,
            quorum: t(`fraction.${quorum}`),
            majority: t(`fraction.${majority}`),
          })}
        </p>
      ) : (
        <p className="notice">{t('committee.voteOffNotice')}</p>
      )}
      {myTies ? <MemberTies ties={myTies} /> : null}
      {candidates.length === 0 ? <p>{t('committee.noCandidates')}</p> : null}
      {candidates.map((candidate) => {
        const decided = candidate.status === 'decided'
        return (
          <article key={candidate.id} className="card" id={`candidate-${candidate.id}`} data-testid="candidate">
            <h2>
              {candidate.organisation}
              <small>
                {' '}
                · {candidate.category ? localName(candidate.category, lang) : ''} ·{' '}
                {t('committee.rank', { rank: candidate.rank })} ·{' '}
                {t('committee.finalScore', { score: candidate.score })}
              </small>
            </h2>
            {candidate.terms ? (
              <p className="guide">
                {t('committee.terms', {
                  document: candidate.terms.document,
                  defence: candidate.terms.defence,
                  siteVisit: candidate.terms.siteVisit,
                })}
              </p>
            ) : null}
            <p className="guide" data-testid="social-summary">
              {t('social.summary', { answered: candidate.social.answered, total: candidate.social.total })}
              {candidate.social.adverse.length > 0 ? (
                <strong className="error">
                  {' · '}
                  {t('social.adverseList', {
                    list: candidate.social.adverse
                      .map((a) => `${t(`department.${a.department}`)}（${a.note}）`)
                      .join('、'),
                  })}
                </strong>
              ) : null}
            </p>
            {candidate.objections.length > 0 ? (
              <details className="objections" data-testid="committee-objections" open>
                <summary>{t('committee.objections', { count: candidate.objections.length })}</summary>
                <ul>
                  {candidate.objections.map((objection) => (
                    <li key={objection.id}>
                      <strong>{t(`objection.status.${objection.status}`)}</strong> ·{' '}
                      {formatDateTime(objection.filedAt, lang)}
                      <div className="pre-line">{objection.content}</div>
                      {objection.evidence ? (
                        <div className="guide">{t('committee.objectionEvidence', { text: objection.evidence })}</div>
                      ) : null}
                      {objection.resolution ? (
                        <div className="guide">
                          {t('committee.objectionResolution', { text: objection.resolution })}
                        </div>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
            {decided ? (
              <p className="flash" role="status">
                {t('committee.decidedAs', {
                  level: optionName(
                    candidate.options.find((o) => o.levelId === candidate.decisionLevelId) ?? {
                      levelId: null,
                      name_zh: '',
                      name_en: '',
                    },
                  ),
                })}
              </p>
            ) : null}
            {candidate.myConflicts.length > 0 ? (
              <p className="alert" data-testid="my-conflict">
                {t('committee.youConflict', { ties: tiesText(candidate.myConflicts) })}
              </p>
            ) : null}
            {candidate.conflicted.length > 0 ? (
              <p className="guide" data-testid="conflicted-members">
                {t('committee.conflictedMembers', {
                  list: candidate.conflicted
                    .map((m) => t('committee.memberTies', { name: m.name, ties: tiesText(m.conflicts) }))
                    .join(t('list.separator')),
                })}
              </p>
            ) : null}
            {candidate.recusals.length > 0 ? (
              <p className="guide">
                {t('committee.recusals')}
                {candidate.recusals.map((r) => `${r.name}（${r.reason}）`).join('、')}
              </p>
            ) : null}
            <div className="scroll">
              <table data-testid="tally" className="stacked">
                <thead>
                  <tr>
                    <th>{t('committee.motion')}</th>
                    <th className="num">{t('committee.for')}</th>
                    <th className="num">{t('committee.against')}</th>
                    <th className="num">{t('committee.abstain')}</th>
                    <th>{t('committee.outcome')}</th>
                    {mayVote ? <th>{t('committee.myVote')}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {candidate.options.map((option) => (
                    <tr key={option.levelId ?? 0}>
                      <td className="motion">
                        {optionName(option)}
                        {option.notes.map((note, i) => (
                          <div key={i} className="guide">
                            {note.name}（{t(`committee.${note.vote}`)}）：{note.note}
                          </div>
                        ))}
                      </td>
                      <td className="num" data-label={t('committee.for')}>
                        {option.tally.for}
                      </td>
                      <td className="num" data-label={t('committee.against')}>
                        {option.tally.against}
                      </td>
                      <td className="num" data-label={t('committee.abstain')}>
                        {option.tally.abstain}
                      </td>
                      <td>
                        {option.tally.carried
                          ? t('committee.carried')
                          : option.tally.quorumMet
                            ? t('committee.notCarriedShort', { needed: option.tally.majorityNeeded })
                            : t('committee.awaitingQuorum', {
                                cast: option.tally.cast,
                                quorum: option.tally.quorumNeeded,
                              })}
                        {mayVote &&
                        option.tally.carried &&
                        !candidate.iRecused &&
                        candidate.myConflicts.length === 0 ? (
                          <Form method="post" className="stack" data-testid="record-decision">
                            <CsrfInput />
                            <input type="hidden" name="intent" value="decide" />
                            <input type="hidden" name="applicationId" value={candidate.id} />
                            <input type="hidden" name="version" value={candidate.version} />
                            <input type="hidden" name="levelId" value={option.levelId ?? ''} />
                            <label>
                              {t('committee.decisionReason')}
                              <textarea name="reason" rows={2} maxLength={2000} />
                            </label>
                            <button type="submit">{t('committee.recordDecision')}</button>
                          </Form>
                        ) : null}
                      </td>
                      {mayVote ? (
                        <td>
                          {candidate.iRecused || candidate.myConflicts.length > 0 ? (
                            t('committee.youRecused')
                          ) : (
                            <Form method="post" className="stack">
                              <CsrfInput />
                              <input type="hidden" name="intent" value="vote" />
                              <input type="hidden" name="applicationId" value={candidate.id} />
                              <input type="hidden" name="levelId" value={option.levelId ?? ''} />
                              <InlineChoices
                                type="radio"
                                name="vote"
                                choices={(['for', 'against', 'abstain'] as const).map((vote) => ({
                                  value: vote,
                                  label: t(`committee.${vote}`),
                                }))}
                                checked={(vote) => option.myVote === vote}
                                required
                              />
                              <input
                                name="note"
                                maxLength={500}
                                aria-label={t('committee.note')}
                                placeholder={t('committee.note')}
                              />
                              <button type="submit" className="secondary">
                                {option.myVote ? t('committee.changeVote') : t('committee.castVote')}
                              </button>
                            </Form>
                          )}
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {candidate.tallies.length > 0 ? (
              <p className="guide" data-testid="recorded-tallies">
                {candidate.tallies
                  .map((tally) =>
                    t('committee.recordedTally', {
                      level: optionName(
                        candidate.options.find((o) => o.levelId === tally.levelId) ?? {
                          levelId: null,
                          name_zh: '',
                          name_en: '',
                        },
                      ),
                      for: tally.for,
                      against: tally.against,
                      abstain: tally.abstain,
                      recused: tally.recused,
                      members: tally.members,
                    }),
                  )
                  .join('；')}
              </p>
            ) : null}
            {mayVote && !candidate.iRecused && candidate.myConflicts.length === 0 ? (
              <Form method="post" className="inline">
                <CsrfInput />
                <input type="hidden" name="intent" value="recuse" />
                <input type="hidden" name="applicationId" value={candidate.id} />
                <input
                  name="reason"
                  maxLength={500}
                  aria-label={t('committee.recuseReason')}
                  placeholder={t('committee.recuseReason')}
                />
                <button type="submit" className="secondary">
                  {t('committee.recuse')}
                </button>
              </Form>
            ) : null}
          </article>
        )
      })}
    </section>
  )
}

/**
 * The member's own ties to organisations (issue 22): what they declared, each withdrawable, and a form to declare
 * one more. The conflicts with the candidates are computed from them by the expert pool's rules.
 */
function MemberTies({
  ties,
}: {
  ties: ReadonlyArray<{ id: number; kind: string; name: string; uscc: string | null; endedOn: string | null }>
}) {
  const t = useT()
  const kindName = (kind: string) =>
    kind === 'currentEmployer' ? t('expert.employerName') : t(keyOf(`expert.relation.${kind}`))
  return (
    <details className="card" id="ties" data-testid="member-ties" open={ties.length === 0}>
      <summary>
        <strong>{t('committee.ties.heading', { count: ties.length })}</strong>
      </summary>
      <p className="guide">{t('committee.ties.intro')}</p>
      {ties.length === 0 ? (
        <p>{t('committee.ties.none')}</p>
      ) : (
        <ul>
          {ties.map((tie) => (
            <li key={tie.id}>
              {t('committee.ties.item', { kind: kindName(tie.kind), name: tie.name })}
              {tie.uscc ? t('committee.ties.usccShown', { uscc: tie.uscc }) : ''}
              {tie.endedOn ? ` · ${t('committee.ties.endedOn', { date: tie.endedOn })}` : ''}{' '}
              <Form method="post" className="inline">
                <CsrfInput />
                <input type="hidden" name="intent" value="withdrawTie" />
                <input type="hidden" name="tieId" value={tie.id} />
                <button type="submit" className="link">
                  {t('committee.ties.withdraw')}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <Form method="post" className="stack" data-testid="declare-tie">
        <CsrfInput />
        <input type="hidden" name="intent" value="declareTie" />
        <label>
          {t('expert.relationKind')}
          <select name="kind" defaultValue="currentEmployer">
            {memberTieKinds.map((kind) => (
              <option key={kind} value={kind}>
                {kindName(kind)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('expert.relationName')}
          <input name="name" maxLength={100} required />
        </label>
        <label>
          {t('committee.ties.uscc')}
          <input name="uscc" maxLength={30} />
        </label>
        <label>
          {t('committee.ties.endedOnLabel')}
          <input name="endedOn" type="date" />
        </label>
        <button type="submit" className="secondary">
          {t('committee.ties.declare')}
        </button>
      </Form>
    </details>
  )
}
