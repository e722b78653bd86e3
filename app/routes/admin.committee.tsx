import { type ActionFunctionArgs, json, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { committeeMemberIds, listRecusals, listTallies, listVotes } from '#db/repositories/committee'
import { getCurrentCycle } from '#db/repositories/cycles'
import type { CommitteeVote } from '#db/schema'
import { mayAct } from '#workflows/account/duties'
import {
  castVote,
  decideByVote,
  levelKeyOf,
  recuse,
  tallyFrom,
  underDeliberation,
} from '#workflows/committee/committee.server'
import { levelRefusal } from '#workflows/application/application.rules'
import { formatPoints } from '#workflows/review/scoring'
import { listSocialAnswers } from '#db/repositories/social'
import { type SocialDepartment, socialDepartments } from '#workflows/social/departments'
import { cycleRanking } from '#workflows/review/standings.server'
import { CsrfInput } from '~/components/csrf-input'
import { FormError } from '~/components/form-error'
import { InlineChoices } from '~/components/inline-choices'
import { postedInteger } from '~/forms/form-data'
import { useLang, useT } from '~/hooks/use-i18n'
import { localName } from '~/i18n'
import { cycleAwardLevels, cycleCategories } from '~/utils/cycle-reference.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { httpError, workflowFailure } from '~/utils/http.server'
import { readForm } from '~/utils/request.server'
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
  const [votes, recusals, tallies, social] = await Promise.all([
    listVotes(db, ids),
    listRecusals(db, ids),
    listTallies(db, ids),
    listSocialAnswers(db, ids),
  ])
  const categoryOf = new Map(
    [...ranking].flatMap(([code, entries]) => entries.map((entry) => [entry.applicationId, code] as const)),
  )
  return json({
    cycle: { name_zh: cycle.name_zh, name_en: cycle.name_en, vote: cycle.committee_vote === 1 },
    quorum: cycle.committee_quorum,
    majority: cycle.committee_majority,
    members: members.length,
    mayVote: mayAct(actor, 'decide') && cycle.committee_vote === 1,
    candidates: candidates.map((entry) => {
      const category = categoryOf.get(entry.applicationId) ?? ''
      const own = recusals.filter((r) => r.application_id === entry.applicationId)
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
        // 社会评价: how many departments answered, and each adverse record with its note.
        social: {
          answered: social.filter((a) => a.application_id === entry.applicationId).length,
          total: socialDepartments.length,
          adverse: social
            .filter((a) => a.application_id === entry.applicationId && a.answer === 'adverse')
            .map((a) => ({ department: a.department as SocialDepartment, note: a.note })),
        },
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
  const { cycle, quorum, majority, members, mayVote, candidates } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
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
                        {mayVote && option.tally.carried && !candidate.iRecused ? (
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
                          {candidate.iRecused ? (
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
            {mayVote && !candidate.iRecused ? (
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
