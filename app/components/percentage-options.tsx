import { percentageOptions } from '#workflows/review/scoring'

/** The 21 choices of a GB/T 19580 item score: 0 % to 100 % in steps of 5. */
export function PercentageOptions() {
  return (
    <>
      {percentageOptions.map((p) => (
        <option key={p} value={p}>
          {p}%
        </option>
      ))}
    </>
  )
}
