/**
 * The departments a candidate's record is checked with before the committee (社会评价, issue 22), in the order the
 * award's rules name them: credit, ecology and environment, work safety, tax, labour and social security, market
 * supervision. Their names are in the catalogues (`department.<code>`).
 */
export const socialDepartments = ['credit', 'environment', 'workSafety', 'tax', 'labour', 'market'] as const
export type SocialDepartment = (typeof socialDepartments)[number]

export function isSocialDepartment(value: string): value is SocialDepartment {
  return (socialDepartments as readonly string[]).includes(value)
}

/** Where the departments' answers stand for one candidate: each department answered or not, and the adverse ones. */
export function socialStanding(answers: ReadonlyArray<{ department: string; answer: 'clear' | 'adverse' }>) {
  const answered = new Set(answers.map((a) => a.department))
  return {
    outstanding: socialDepartments.filter((d) => !answered.has(d)),
    adverse: answers.filter((a) => a.answer === 'adverse').map((a) => a.department),
  }
}
