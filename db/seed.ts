import { applyApplicationEvent, submitApplication } from '#workflows/application/application.server'
import { assignReviewer } from '#workflows/review/review.server'
import type { DB } from './client.server'
import { createApplicantAccount, createAwardCycle, createCompleteDraft, createStaffAccount } from './factories'
import { startApplication } from '#workflows/application/application.server'

export const demoPassword = 'award-demo-2026'

export const demoLogins = [
  { role: 'admin', email: 'secretariat@award.example', name: '秘书处 Secretariat' },
  { role: 'reviewer', email: 'reviewer1@award.example', name: '陈静 Chen Jing' },
  { role: 'reviewer', email: 'reviewer2@award.example', name: '刘洋 Liu Yang' },
  { role: 'reviewer', email: 'reviewer3@award.example', name: '张伟 Zhang Wei' },
  { role: 'reviewer', email: 'reviewer4@award.example', name: '黄敏 Huang Min' },
  { role: 'reviewer', email: 'reviewer5@award.example', name: '周婷 Zhou Ting' },
  { role: 'applicant', email: 'apply@pengcheng-electronics.example', name: '鹏城电子有限公司' },
  { role: 'applicant', email: 'apply@qianhai-logistics.example', name: '前海物流集团' },
  { role: 'applicant', email: 'apply@nanshan-hospital.example', name: '南山医疗服务中心' },
] as const

const expertise = ['质量管理 Quality management', '电子信息 Electronics', '财务 Finance', '物流 Logistics', '医疗 Healthcare']

/** Demo data: one cycle, the secretariat, five reviewers and three applicants in different states. */
export async function seedDemo(db: DB, year = new Date().getUTCFullYear()): Promise<void> {
  const cycle = await createAwardCycle(db, year)
  const [adminLogin, ...rest] = demoLogins
  const admin = await createStaffAccount(db, { role: 'admin', name: adminLogin.name, email: adminLogin.email, password: demoPassword })
  const reviewers = []
  for (const [i, login] of rest.filter((l) => l.role === 'reviewer').entries()) {
    reviewers.push(await createStaffAccount(db, { role: 'reviewer', name: login.name, email: login.email, password: demoPassword, expertise: expertise[i] }))
  }
  const applicants = []
  for (const [i, login] of rest.filter((l) => l.role === 'applicant').entries()) {
    applicants.push(await createApplicantAccount(db, { n: 1000 + i, name: login.name, email: login.email, password: demoPassword }))
  }
  const [drafting, inEligibility, inReview] = applicants as [typeof applicants[0], typeof applicants[0], typeof applicants[0]]

  // 鹏城电子: a draft that has only just been started.
  await startApplication(db, drafting, cycle.id)

  // 前海物流: submitted, under eligibility review.
  const b = await createCompleteDraft(db, inEligibility, cycle.id, { categoryCode: 'service' })
  const bSubmitted = await submitApplication(db, { applicationId: b.id, actor: inEligibility, expectedVersion: b.version })
  await applyApplicationEvent(db, { applicationId: b.id, actor: admin, event: { type: 'START_ELIGIBILITY_REVIEW' }, expectedVersion: bSubmitted.version })

  // 南山医疗: accepted and in document review with three reviewers assigned.
  const c = await createCompleteDraft(db, inReview, cycle.id, { categoryCode: 'society' })
  let version = (await submitApplication(db, { applicationId: c.id, actor: inReview, expectedVersion: c.version })).version
  version = (await applyApplicationEvent(db, { applicationId: c.id, actor: admin, event: { type: 'START_ELIGIBILITY_REVIEW' }, expectedVersion: version })).version
  await applyApplicationEvent(db, { applicationId: c.id, actor: admin, event: { type: 'ACCEPT_ELIGIBILITY' }, expectedVersion: version })
  for (const reviewer of reviewers.slice(0, 3)) {
    await assignReviewer(db, { applicationId: c.id, reviewerId: reviewer.userId, actor: admin })
  }
}
