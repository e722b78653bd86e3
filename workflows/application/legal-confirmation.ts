/**
 * The legal representative's confirmation (法定代表人承诺, issue 22): what it is made of and when it holds. The
 * signed letter is an attachment with this declaration key.
 */
export const legalLetterKey = 'legalLetter'

export type ConfirmationStanding = 'none' | 'behind' | 'current'

/**
 * Whether the application may be submitted on the confirmation it has: one given on the application as it is now
 * (its version), not one the application has changed since.
 */
export function confirmationStanding(
  confirmation: { confirmed_version: number } | undefined,
  applicationVersion: number,
): ConfirmationStanding {
  if (!confirmation) return 'none'
  return confirmation.confirmed_version === applicationVersion ? 'current' : 'behind'
}

/**
 * Whether the name typed is the legal representative's named in the profile: the same characters, whatever the
 * spaces (张 三, 张三) and the case of a name in Latin letters.
 */
export function isSameName(typed: string, named: string): boolean {
  const plain = (name: string) => name.normalize('NFKC').replace(/\s+/g, '').toLowerCase()
  return plain(typed) !== '' && plain(typed) === plain(named)
}
