import { describe, expect, it } from 'vitest'
import { defenceSlotSchema, readFindings, writeFindings } from './stages'

describe('second-half forms', () => {
  it('reads findings one per line, major where the line says so in either language', () => {
    expect(
      readFindings(
        '严重：质量目标未分解到班组\n\n培训记录缺签字\r\nMajor: no calibration records\nminor: signage faded',
      ),
    ).toEqual([
      { severity: 'major', text: '质量目标未分解到班组' },
      { severity: 'minor', text: '培训记录缺签字' },
      { severity: 'major', text: 'no calibration records' },
      { severity: 'minor', text: 'signage faded' },
    ])
    const findings = readFindings('严重：A\nB')
    expect(readFindings(writeFindings(findings, 'zh'))).toEqual(findings)
    expect(readFindings(writeFindings(findings, 'en'))).toEqual(findings)
  })

  it('takes a defence slot as date, 24-hour time, 10 to 240 minutes and a place', () => {
    expect(
      defenceSlotSchema.safeParse({ date: '2030-03-02', time: '09:30', minutes: '40', place: '301' }).success,
    ).toBe(true)
    expect(
      defenceSlotSchema.safeParse({ date: '2030-03-02', time: '25:00', minutes: '40', place: '301' }).success,
    ).toBe(false)
    expect(defenceSlotSchema.safeParse({ date: '2030-03-02', time: '09:30', minutes: '5', place: '301' }).success).toBe(
      false,
    )
    expect(defenceSlotSchema.safeParse({ date: '2030-03-02', time: '09:30', minutes: '40', place: ' ' }).success).toBe(
      false,
    )
  })
})
