/** What an organisation's colleague may do (issue 22): edit and submit, or read only. */
export const colleagueRoles = ['editor', 'viewer'] as const
export type ColleagueRole = (typeof colleagueRoles)[number]
