/** A date or instant moved one year on; 29 February becomes 28 February (the same day of a year without it). */
export function oneYearLater(value: string): string {
  const year = Number(value.slice(0, 4)) + 1
  let rest = value.slice(4)
  if (rest.startsWith('-02-29')) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
    if (!leap) rest = `-02-28${rest.slice(6)}`
  }
  return `${year}${rest}`
}

/** The award's name for a year, in both languages, as this year's was written. */
export function nameForYear(name: string, from: number, to: number): string {
  return name.split(String(from)).join(String(to))
}
