/**
 * The e-mails the award sends, in Chinese with the English below it: one message serves applicants who read
 * either language, and nobody's language preference is needed at send time.
 */
export interface Email {
  to: string
  subject: string
  text: string
  /** A calendar invitation for a defence slot or a site visit (issue 24). */
  attachments?: EmailAttachment[]
}

export interface EmailAttachment {
  filename: string
  contentType: string
  /** The file's text (an .ics file is text); the sender encodes it for its provider. */
  content: string
}

/** A reason as someone wrote it (one language), or as the award words it (both: the reader's is shown). */
export type Reason = string | { zh: string; en: string }

interface Payload {
  applicationId: number
  reason: Reason | null
  /** A password link's token (invitation, reset); removed from the outbox once the e-mail is sent. */
  token?: string
  /** A group message's subject, as the secretariat wrote it (its text is the reason). */
  subject?: string
  /** The page a group message links to for this recipient (their application, or their reviews). */
  link?: string
}

/** Each kind of message: its text, and the page it links to (who receives it decides which page). */
const texts: Record<
  string,
  {
    zh: string
    en: string
    page?: (applicationId: number, token: string) => string
    detail?: { zh: string; en: string }
  }
> = {
  'review.REMINDER': {
    zh: '提醒：您在本年度尚有材料评审任务未完成（待声明利益冲突或待提交评分表），数量见下。请登录处理。',
    en: 'A reminder: some of your document reviews this year are still open (a conflict declaration or a sheet to submit); how many is below. Please log in.',
    page: () => '/review',
    detail: { zh: '未完成的评审', en: 'Open reviews' },
  },
  'social.REMINDER': {
    zh: '提醒：社会评价尚有部门未回复，回复截止日期临近或已过。请登录查看各候选单位的部门意见并及时登记。',
    en: 'A reminder: some departments have not yet answered in the social evaluation, and their due date is near or past. Please log in and enter the answers for each candidate.',
    page: () => '/admin/committee',
    detail: { zh: '尚缺的部门回复', en: 'Answers outstanding' },
  },
  'account.INVITED': {
    zh: '深圳市市长质量奖秘书处邀请您加入评审专家库。请通过下面的链接设置您的登录密码（7天内有效，仅可使用一次）。',
    en: "The secretariat of the Shenzhen Mayor's Quality Award invites you to its expert pool. Set your password through the link below (valid for 7 days, once).",
    page: (_, token) => `/password/${token}`,
  },
  'account.RESET': {
    zh: '您申请重设登录密码。请通过下面的链接设置新密码（1小时内有效，仅可使用一次）；如非本人操作，请忽略本邮件。',
    en: 'You asked to reset your password. Set a new one through the link below (valid for 1 hour, once); if it was not you, ignore this e-mail.',
    page: (_, token) => `/password/${token}`,
  },
  // Registration: the form answers the same in every case; these say what happened, to whom it concerns.
  'account.CONFIRM_REGISTRATION': {
    zh: '感谢您注册深圳市市长质量奖申报账号。请通过下面的链接确认注册（24小时内有效，仅可使用一次）；如非本人操作，请忽略本邮件。',
    en: "Thank you for registering for the Shenzhen Mayor's Quality Award. Confirm your registration through the link below (valid for 24 hours, once); if it was not you, ignore this e-mail.",
    page: (_, token) => `/register/confirm/${token}`,
    detail: { zh: '单位', en: 'Organisation' },
  },
  'account.REGISTER_EXISTING': {
    zh: '有人使用您的邮箱申请注册新账号，但该邮箱已有账号，未新建任何账号。如是您本人，请直接登录；忘记密码可通过下面的链接重设。如非本人操作，请忽略本邮件。',
    en: 'Someone asked to register a new account with your e-mail address, which already has one; nothing was created. If it was you, log in; if you forgot your password, reset it through the link below. If it was not you, ignore this e-mail.',
    page: () => '/password/forgot',
  },
  'account.USCC_TAKEN': {
    zh: '您申请注册的统一社会信用代码已有申报账号，未新建账号。请联系本单位的申报联系人，或联系秘书处。',
    en: 'The unified social credit code you registered with already has an account; nothing was created. Ask the contact person of your organisation, or the secretariat.',
    page: () => '/login',
    detail: { zh: '统一社会信用代码', en: 'Credit code' },
  },
  'account.USCC_ATTEMPT': {
    zh: '有人使用贵单位的统一社会信用代码申请注册新账号，未新建账号。申请人邮箱见下；如不认识，请联系秘书处。',
    en: "Someone asked to register a new account with your organisation's credit code; nothing was created. The address they gave is below; if you do not know it, contact the secretariat.",
    page: () => '/login',
    detail: { zh: '申请人邮箱', en: 'Address given' },
  },
  // (objection messages go to the objector: their reference and outcome ride in `reason`)
  'review.INVITED': {
    zh: '您被抽取为一份申报的材料评审专家。请登录，先声明与申报单位是否存在利益冲突，再查看申报材料并评分。',
    en: 'You have been drawn as a document reviewer for an application. Please log in, declare first whether you have a conflict of interest with the applicant, then read the application and score it.',
    page: (id) => `/review/applications/${id}`,
  },
  'objection.FILED': {
    zh: '公示期间收到一份异议，请登录核查处理。',
    en: 'An objection was filed during the public notice; please log in to look into it.',
    page: (id) => `/admin/applications/${id}`,
  },
  'objection.RECEIVED': {
    zh: '您在公示期间提交的异议已收到，编号见下；处理结果将另行告知。',
    en: 'Your objection during the public notice has been received under the reference below; you will be told the outcome.',
    page: () => '/notice',
  },
  'objection.UPHELD': {
    zh: '您提交的异议经核查成立，评审委员会将重新审定。',
    en: 'Your objection was found to be well founded; the committee will decide again.',
    page: () => '/notice',
  },
  'objection.DISMISSED': {
    zh: '您提交的异议经核查不成立，处理说明见下。',
    en: 'Your objection was looked into and not upheld; the explanation is below.',
    page: () => '/notice',
  },
  'application.SUBMIT': {
    zh: '您的申报已提交，进入资格审核。',
    en: 'Your application has been submitted and goes to eligibility review.',
  },
  'application.RESUBMIT': { zh: '您补正后的申报已重新提交。', en: 'Your corrected application has been resubmitted.' },
  'application.ACCEPT_ELIGIBILITY': {
    zh: '您的申报已通过资格审核，进入材料评审。',
    en: 'Your application passed eligibility review and goes to document review.',
  },
  'application.RETURN_FOR_CORRECTION': {
    zh: '秘书处退回了您的申报，请补正后重新提交。',
    en: 'The secretariat returned your application for correction; please correct and resubmit it.',
  },
  'application.REJECT_INELIGIBLE': {
    zh: '经资格审核，您的申报不符合申报条件。',
    en: 'After eligibility review, your application does not meet the conditions.',
  },
  'application.SHORTLIST': {
    zh: '您的申报已入围下一阶段评审。',
    en: 'Your application is shortlisted for the next stage of the award.',
  },
  'application.NOT_SHORTLIST': {
    zh: '您的申报未入围下一阶段评审；评审反馈报告将在本年度结果公布时提供。',
    en: "Your application was not shortlisted for the next stage; its feedback report comes with this year's results.",
  },
  'application.SCHEDULE_DEFENCE': {
    zh: '您的申报已安排集中答辩，时间和地点见下。请登录确认；如时间有冲突，请尽快联系秘书处。',
    en: 'Your defence is scheduled; the time and place are below. Please log in to confirm; if the time does not suit, contact the secretariat soon.',
    detail: { zh: '答辩安排', en: 'Defence' },
  },
  'application.SCHEDULE_SITE_VISIT': {
    zh: '您的申报已安排现场核查，日期和地址见下。请登录确认，并安排相关负责人陪同。',
    en: 'Your site visit is scheduled; the date and address are below. Please log in to confirm, and have the people concerned available.',
    detail: { zh: '现场核查安排', en: 'Site visit' },
  },
  'panel.defence': {
    zh: '您被抽取为一份申报的集中答辩专家。请登录查看答辩安排，答辩后在答辩评分表上评分。',
    en: 'You have been drawn for the defence panel of an application. Please log in for the slot, and score the defence on its sheet afterwards.',
    page: (id) => `/review/defence/${id}`,
  },
  'panel.siteVisit': {
    zh: '您被抽取为一份申报的现场核查组成员。请登录查看核查日期和地址；核查表由组长填写提交。',
    en: 'You have been drawn for the site-visit team of an application. Please log in for the date and address; the team leader records the sheet.',
    page: (id) => `/review/site-visit/${id}`,
  },
  'panel.defenceMoved': {
    zh: '您所在答辩专家组的一场集中答辩，时间或地点已变更。新的安排见附件日历，请登录查看。',
    en: 'A defence your panel sits on has moved to another time or place. The new slot is in the attached calendar; please log in for details.',
    page: (id) => `/review/defence/${id}`,
  },
  'panel.siteVisitMoved': {
    zh: '您所在核查组的一次现场核查，日期或地址已变更。新的安排见附件日历，请登录查看。',
    en: 'A site visit your team makes has moved to another day or address. The new visit is in the attached calendar; please log in for details.',
    page: (id) => `/review/site-visit/${id}`,
  },
  'secretariat.CONFLICT': {
    zh: '一位评审专家声明了与申报单位的利益冲突，已回避并自动补抽（如专家库不足，请处理）。',
    en: 'An expert declared a conflict of interest with an applicant and stood down; a replacement was drawn (if the pool allowed).',
    page: (id) => `/admin/applications/${id}`,
  },
  'secretariat.REVIEW_COMPLETE': {
    zh: '一份申报的最后一份评分表已提交，材料评审完成。',
    en: 'The last sheet of an application is in: its document review is complete.',
    page: (id) => `/admin/applications/${id}`,
  },
  'secretariat.DIGEST': {
    zh: '本周工作概况：本年度申报的进展和待办事项，数字见下。',
    en: "The week at a glance: where this cycle's applications stand and what is waiting, figures below.",
    page: () => '/admin',
    detail: { zh: '本周概况', en: 'This week' },
  },
  'secretariat.RESUBMITTED': {
    zh: '一份退回补正的申报已重新提交，请重新进行资格审核。',
    en: 'An application returned for correction has been resubmitted; its eligibility review can start again.',
    page: (id) => `/admin/applications/${id}`,
  },
  'application.DRAFT_REMINDER': {
    zh: '提醒：您的申报尚未提交，申报截止时间见下（北京时间）。请登录完成并提交。',
    en: 'A reminder: your application is not submitted yet; the deadline (Beijing time) is below. Please log in to complete and submit it.',
    detail: { zh: '截止时间', en: 'Deadline' },
  },
  'message.THREAD': {
    zh: '关于申报的新消息',
    en: 'A new message about an application',
    detail: { zh: '内容', en: 'Message' },
  },
  'message.GROUP': {
    zh: '秘书处来信',
    en: 'A message from the secretariat',
    detail: { zh: '内容', en: 'Message' },
  },
  'application.PUBLISH': {
    zh: '本年度评审结果已公布，请登录查看。',
    en: "This year's results are published; log in to see yours.",
  },
}

/** The page a message links to: its own, or the applicant's application page. */
function pageOf(text: (typeof texts)[string], payload: Payload): string {
  if (payload.link?.startsWith('/')) return payload.link
  return text.page
    ? text.page(payload.applicationId, payload.token ?? '')
    : `/applicant/applications/${payload.applicationId}`
}

export function renderEmail(kind: string, recipient: string, payloadJson: string, baseUrl: string): Email | null {
  const text = texts[kind]
  if (!text) return null
  const payload = JSON.parse(payloadJson) as Payload
  const link = baseUrl + pageOf(text, payload)
  const label = text.detail ? `${text.detail.zh} / ${text.detail.en}` : '原因 / Reason'
  const reasonText =
    payload.reason === null || typeof payload.reason === 'string'
      ? payload.reason
      : `\n${payload.reason.zh}\n\n${payload.reason.en}`
  const reason = reasonText ? `\n${label}: ${reasonText}\n` : '\n'
  return {
    to: recipient,
    subject: `深圳市市长质量奖 · Shenzhen Mayor's Quality Award: ${payload.subject ?? text.zh}`,
    text: `${text.zh}\n${text.en}\n${reason}\n${link}\n`,
  }
}

export interface InboxMessage {
  zh: string
  en: string
  /** The page the message is about, for the recipient. */
  link: string
  detail: { zh: string; en: string } | null
  reason: Reason | null
}

/** A notification as the inbox shows it (in both languages; the page picks one), or null for an unknown kind. */
export function inboxMessage(kind: string, payloadJson: string): InboxMessage | null {
  const text = texts[kind]
  if (!text) return null
  const payload = JSON.parse(payloadJson) as Payload
  return {
    zh: payload.subject ?? text.zh,
    en: payload.subject ?? text.en,
    link: pageOf(text, { ...payload, token: undefined }),
    detail: text.detail ?? (payload.reason ? { zh: '原因', en: 'Reason' } : null),
    reason: payload.reason ?? null,
  }
}
