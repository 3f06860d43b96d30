/**
 * A small dashboard JSON, typed as the read models' `Dashboard` so it follows the type, with
 * markup and quotes in names and titles to check that everything is escaped.
 */
import type { Dashboard } from '../../../src/readmodels/dashboard';

export const HOSTILE = '<script>alert("x")</script> & \'q\'';

const rate = (key: string, total: number, closed: number, overdue: number) => ({
  key, total, closed, rectificationRate: total === 0 ? null : closed / total, closedOnTime: closed, onTimeRate: closed === 0 ? null : 1, closedLate: 0, meanClosingDelayDays: closed === 0 ? null : 1,
  returned: 0, returnedRate: total === 0 ? null : 0, reopened: 0, reopenedRate: total === 0 ? null : 0, overdue,
});
const standing = { expected: 2, on_time: 1, late: 1, missing: 0, pending: 0 };
const dept = (department: string, role: 'lead' | 'co' | null, accepted: boolean) => ({ department, role, accepted });
const court = (courtId: string, accepted: boolean, total: number, closed: number) => ({
  courtId, inScope: true, departments: [dept('审管办', 'lead', accepted), dept(HOSTILE, 'co', !accepted)], decomposition: null,
  progressPercent: accepted ? 50 : null, progressSummary: null, progressAt: null, progressReports: 0, problems: { total, closed, overdue: total - closed },
});

export const fixtureDashboard: Dashboard = {
  asOf: { now: '2019-06-30T04:00:00.000Z', today: '2019-06-30', timeZone: 'Asia/Shanghai', thresholds: { yellowDays: 10, dueSoonDays: 20 }, lastPosition: '42' },
  campaign: { campaignId: 'ny', name: `加强管理年 ${HOSTILE}`, organizerCourtId: 'C1', utcOffsetMinutes: 480 },
  tasks: {
    total: 2, byStatus: { issued: 1, in_progress: 1, completion_reported: 0, returned: 0, evaluated: 0 }, overdue: 1,
    matrix: {
      departments: ['审管办', HOSTILE], courts: ['C1', 'C2'], byStatus: { issued: 1, in_progress: 1, completion_reported: 0, returned: 0, evaluated: 0 }, overdue: 1,
      tasks: [1, 2].map((number) => ({
        taskId: `T${number}`, number, title: number === 1 ? `任务一 ${HOSTILE}` : '任务二', categoryId: 'K1', status: number === 1 ? 'in_progress' as const : 'issued' as const,
        dueDate: '2019-06-01', originalDueDate: '2019-06-01', daysLeft: -29, overdue: number === 1, leadDepartments: ['审管办'], coDepartments: [HOSTILE],
        extensions: { requested: 0, granted: 0, denied: 0 }, completionReports: 0, returned: 0, rating: null,
        courts: [court('C1', true, 2, 1), court('C2', number === 1, 1, 0)],
      })),
    },
  },
  problems: {
    total: 3, closed: 1, open: 2, withdrawn: 0, carriedOver: 1, overdue: 2, dueSoon: 0, rectificationRate: 1 / 3, onTimeRate: 1, returnedRate: 0, reopenedRate: 0,
    colours: { green: 1, yellow: 0, red: 2, noDeadline: 0 },
  },
  rates: {
    byCourt: [rate('C1', 2, 1, 1), rate('C2', 1, 0, 1)], byDepartment: [rate('C1/审管办', 2, 1, 1), rate(`C2/${HOSTILE}`, 1, 0, 1)],
    byTask: [rate('T1', 3, 1, 2)], byCategory: [rate('K1', 3, 1, 2)],
  },
  colourBoard: [{ courtId: 'C1', green: 1, yellow: 0, red: 1, noDeadline: 0 }, { courtId: 'C2', green: 0, yellow: 0, red: 1, noDeadline: 0 }],
  overdue: [{
    ledgerNumber: 'NY-2019-001', problemId: 'p1', courtId: 'C2', department: HOSTILE, title: `逾期问题 ${HOSTILE}`, status: 'open', deadline: '2019-06-10',
    daysLeft: -20, colour: 'red', responsiblePersonId: 'P2', responsibleLeaderId: 'P1',
  }],
  dueSoon: [],
  reports: {
    byPeriod: [{ periodId: 'R1', name: `一季度 ${HOSTILE}`, deadline: '2019-04-10', ...standing }],
    byCourt: [{ courtId: 'C1', ...standing }],
    missing: [], late: [{ periodId: 'R1', courtId: 'C2', deadline: '2019-04-10' }],
  },
  inspections: {
    total: 1,
    coverage: {
      courts: ['C2'], overall: { periodId: null, inspections: 1, inspected: ['C2'], neverInspected: [], coverage: 1 },
      byPeriod: [{ periodId: 'R1', inspections: 1, inspected: ['C2'], neverInspected: [], coverage: 1 }],
    },
    unannounced: { total: 1, byStatus: { pending: 0, passed: 0, failed: 1 }, failed: [{ inspectionId: 'I1', failedChecks: ['redraw'] }] },
  },
  accountability: {
    cases: 1, sanctioned: 1, byGrounds: { falsification: 1 }, bySanction: { circulated_criticism: 1 },
    register: [{
      caseId: 'A1', subject: { kind: 'person', personId: 'P2' }, courtId: 'C2', department: HOSTILE, grounds: 'falsification', summary: HOSTILE,
      evidence: [], confirmed: [], status: 'sanctioned', factsEstablished: true, sanction: 'circulated_criticism', decidedBy: 'P1', body: 'leading_group',
      dismissed: false, published: [HOSTILE], proposedAt: '2019-06-20T02:00:00.000Z', closedAt: null,
    }],
    rankings: {
      formula: 'score = 40·R + 30·T + 30·S − 10·falsification − 2·returned reports',
      byCourt: [
        {
          rank: 1, unit: 'C2', problems: 1, closed: 0, rectificationRate: 0, overdue: 1, closedLate: 0, selfFound: 1, cases: 1, sanctions: 1,
          bySanction: { circulated_criticism: 1, admonition_talk: 0, accountability: 0 }, falsification: 1, returnedReports: 0, score: 20,
        },
      ],
      byDepartment: [],
    },
  },
  regulations: {
    overall: { courtId: '*', cleared: 1, revised: 0, made: 1, total: 2, problemsAnswered: 1, tasksAnswered: 2 },
    byCourt: [
      { courtId: 'C1', cleared: 0, revised: 0, made: 1, total: 1, problemsAnswered: 0, tasksAnswered: 1 },
      { courtId: 'C2', cleared: 1, revised: 0, made: 0, total: 1, problemsAnswered: 1, tasksAnswered: 1 },
    ],
    rows: [
      { regulationId: 'RG1', courtId: 'C1', title: `督办工作规定 ${HOSTILE}`, action: 'made', on: '2019-06-20', documentNumber: '办〔2019〕3号', problemIds: [], taskIds: ['T1'], withdrawn: false, recordedAt: '2019-06-20T02:00:00.000Z' },
      { regulationId: 'RG2', courtId: 'C2', title: '旧考勤办法', action: 'cleared', on: '2019-06-25', problemIds: ['p1'], taskIds: ['T2'], withdrawn: false, recordedAt: '2019-06-25T02:00:00.000Z' },
    ],
  },
  supervision: {
    total: 2, open: 1, byColour: { red: 1, yellow: 0, blue: 0 }, ladder: ['warning', 'reminder', 'accountability'],
    items: [
      {
        itemId: 'SV1', number: '督〔2019〕1号', title: `督办一 ${HOSTILE}`, status: 'handling', source: 'leader_instruction', lead: { courtId: 'C2', department: HOSTILE }, co: [],
        deadline: '2019-06-20', daysLeft: -10, colour: 'red', period: 3, feedbackMissing: true, nextFeedbackDue: '2019-06-10', feedbackGiven: 1, returned: 0, reminders: 1, warnings: 1, closedOn: null,
      },
      {
        itemId: 'SV2', number: null, title: '督办二', status: 'closed', source: 'leading_group_decision', lead: { courtId: 'C1' }, co: [{ courtId: 'C2' }],
        deadline: '2019-06-10', daysLeft: null, colour: null, period: null, feedbackMissing: false, nextFeedbackDue: null, feedbackGiven: 2, returned: 1, reminders: 0, warnings: 0, closedOn: '2019-06-09',
      },
    ],
    escalations: [{
      problemId: 'P2', ledgerNumber: 'TZ-0002', courtId: 'C2', title: `问题二 ${HOSTILE}`, deadline: '2019-06-01', daysOverdue: 29, step: 'reminder', stepDay: '2019-06-03', stepsTaken: 2,
      ladder: ['warning', 'reminder', 'accountability'], next: 'accountability',
    }],
    warningsGiven: [
      { day: '2019-06-02', at: '2019-06-02T01:00:00.000Z', kind: 'escalation', colour: null, step: 'warning', subject: { kind: 'problem', id: 'P2', label: `TZ-0002 ${HOSTILE}` }, addressedTo: { courtId: 'C2', department: HOSTILE }, rule: 'overdue.warning', givenBy: 'P1' },
      { day: '2019-06-21', at: '2019-06-21T01:00:00.000Z', kind: 'reminder', colour: null, step: null, subject: { kind: 'supervision', id: 'SV1', label: '督〔2019〕1号 督办一' }, addressedTo: { courtId: 'C2' }, rule: 'feedback.period_2.missing', givenBy: 'P1' },
    ],
  },
  reportedVsComputed: {
    checked: 2, withGaps: 1, notVerifiable: 0,
    gaps: [{ reportId: 'R1@C2', version: 1, figure: 'problemsClosed', claimed: 1, computed: 0, note: `claimed 1, the events say 0 ${HOSTILE}` }],
  },
};

export const fixtureNames = { courts: { C1: '示例中院', C2: `东城 ${HOSTILE}` }, people: { P1: '王某', P2: `李某 ${HOSTILE}` } };
export const fixtureTrend = [
  { date: '2019-05-31', identified: 2, open: 2, closed: 0 },
  { date: '2019-06-30', identified: 3, open: 2, closed: 1 },
];
