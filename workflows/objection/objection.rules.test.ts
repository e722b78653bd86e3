import { describe, expect, it } from 'vitest'
import { isPlaceholderName, objectionReference, objectionReferencePattern } from './objection.rules'

describe('objections under a real name', () => {
  it('refuses names that only stand in for one', () => {
    for (const name of ['匿名', ' 某某 ', '某某某', '知情人', 'Anonymous', 'N/A', 'xxx', '12345', '——', '热心 市民'])
      expect(isPlaceholderName(name), name).toBe(true)
  })

  it('takes real names, Chinese and foreign, including common surnames with 某 in them', () => {
    for (const name of ['林某', '张三', '欧阳修', 'Li Wei', 'Anne-Marie Dupont', '某某明'])
      expect(isPlaceholderName(name), name).toBe(false)
  })

  it('gives each objection a reference of its year and number', () => {
    expect(objectionReference(2026, 12)).toBe('GS2026-00012')
    expect(objectionReferencePattern.test('GS2026-00012')).toBe(true)
    expect(objectionReferencePattern.test('GS2026-1<script>')).toBe(false)
  })
})
