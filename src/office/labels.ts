/**
 * The one table of Chinese and English labels for the campaign's codes (statuses, sources,
 * severities, grounds, sanctions, warnings), shared by the HTML dashboard, the office ledger
 * (CSV and xlsx) and the documents. An unknown code is shown as it is.
 */

/** `[中文, English]` per code. */
export const LABELS: Readonly<Record<string, readonly [string, string]>> = {
  // problem status
  open: ['整改中', 'open'], closure_requested: ['申请销号', 'closure requested'], verified: ['已验收', 'verified'],
  closed: ['已销号', 'closed'], withdrawn: ['已撤销', 'withdrawn'],
  // problem source
  self_inspection: ['自查发现', 'self-inspection'], routine_inspection: ['常规督查', 'routine inspection'],
  unannounced_inspection: ['明察暗访', 'unannounced inspection'], report: ['报告反映', 'report'],
  higher_level_feedback: ['上级反馈', 'higher-level feedback'],
  // severity
  minor: ['轻微', 'minor'], moderate: ['一般', 'moderate'], serious: ['较重', 'serious'], critical: ['严重', 'critical'],
  // task status
  issued: ['已下达', 'issued'], in_progress: ['推进中', 'in progress'], completion_reported: ['已报完成', 'completion reported'],
  returned: ['已退回', 'returned'], evaluated: ['已评估', 'evaluated'],
  // case grounds, sanctions, status, bodies
  poor_work: ['工作不力', 'poor work'], falsification: ['弄虚作假', 'falsification'], overdue_rectification: ['整改逾期', 'overdue rectification'],
  circulated_criticism: ['通报批评', 'circulated criticism'], admonition_talk: ['约谈', 'admonition talk'], accountability: ['追责问责', 'accountability'],
  proposed: ['已立案', 'proposed'], facts_established: ['事实已查明', 'facts established'], sanctioned: ['已处理', 'sanctioned'], dismissed: ['不予处理', 'dismissed'],
  leading_group: ['领导小组', 'leading group'], discipline_office: ['纪检监察', 'discipline office'],
  // report standing, inspection status
  on_time: ['按时', 'on time'], late: ['逾期报送', 'late'], missing: ['未报送', 'missing'], pending: ['未到期', 'pending'],
  passed: ['通过', 'passed'], failed: ['未通过', 'failed'],
  // dashboard colours
  green: ['绿', 'green'], yellow: ['黄', 'yellow'], red: ['红', 'red'], blue: ['蓝', 'blue'],
  // reported figures
  problemsFound: ['发现问题数', 'problems found'], problemsClosed: ['已整改数', 'problems closed'],
  rectificationRatePercent: ['整改率(%)', 'rectification rate (%)'], overdue: ['逾期数', 'overdue'],
};

/** Where a supervision item (督办事项) stands. */
export const SUPERVISION_LABELS: Readonly<Record<string, readonly [string, string]>> = {
  none: ['—', 'none'], proposed: ['拟办', 'proposed'], opened: ['立项', 'opened'], approved: ['审批', 'approved'], assigned: ['交办', 'assigned'],
  handling: ['办理中', 'handling'], under_review: ['复核中', 'under review'], reviewed: ['复核通过', 'reviewed'], closed: ['办结', 'closed'],
};

/** The steps of the escalation ladder, and what a follow-up notice was. */
export const STEP_LABELS: Readonly<Record<string, readonly [string, string]>> = {
  warning: ['预警', 'warning'], reminder: ['催办', 'reminder'], talk: ['约谈', 'admonition talk'], circular: ['通报', 'circular'],
  accountability: ['问责', 'accountability'], escalation: ['升级', 'escalation'],
};

/** `中文 English` from one of the tables above, or the code itself; `—` for none. */
export const bilingualOf = (table: Readonly<Record<string, readonly [string, string]>>, code: string | null | undefined): string => {
  if (code === null || code === undefined) return '—';
  const l = table[code];
  return l === undefined ? code : `${l[0]} ${l[1]}`;
};

/** Codes that read differently for an accountability case. */
export const CASE_LABELS: Readonly<Record<string, readonly [string, string]>> = { closed: ['已结案', 'closed'] };

/** The Chinese label of a code (as a case's status when `of` is `case`), or the code itself; empty for none. */
export const zh = (code: string | null | undefined, of?: 'case'): string => {
  if (code === null || code === undefined) return '';
  return ((of === 'case' ? CASE_LABELS[code] : undefined) ?? LABELS[code])?.[0] ?? code;
};

/** `中文 English` for a code (as a case's status when `of` is `case`), or the code itself; `—` for none. */
export const bilingual = (code: string | null | undefined, of?: 'case'): string => {
  if (code === null || code === undefined) return '—';
  const l = (of === 'case' ? CASE_LABELS[code] : undefined) ?? LABELS[code];
  return l === undefined ? code : `${l[0]} ${l[1]}`;
};
