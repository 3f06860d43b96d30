/**
 * The fixed start of every generated history: an organization of three courts (C1 over C2 and
 * C3), two departments each, six people; a campaign with two categories, two report periods and
 * four tasks (T4 names an undefined category, so its category comes from the task-number ranges).
 */
import type { World } from './world';

export const COURTS = ['C1', 'C2', 'C3'] as const;
export const DEPTS = ['审管办', '立案庭'] as const;
export const PEOPLE = [
  { personId: 'P1', courtId: 'C1', department: '审管办' }, { personId: 'P2', courtId: 'C2', department: '审管办' },
  { personId: 'P3', courtId: 'C2', department: '立案庭' }, { personId: 'P4', courtId: 'C3', department: '审管办' },
  { personId: 'P5', courtId: 'C3', department: '立案庭' }, { personId: 'P6', courtId: 'C1' },
] as const;
export const TASKS = [
  { taskId: 'T1', number: 1, categoryId: 'K1', scope: ['C1', 'C2', 'C3'] }, { taskId: 'T2', number: 2, categoryId: 'K1', scope: ['C2', 'C3'] },
  { taskId: 'T3', number: 3, categoryId: 'K2', scope: ['C1', 'C2', 'C3'] }, { taskId: 'T4', number: 4, categoryId: 'K9', scope: ['C3'] },
] as const;
export const PERIODS = [
  { periodId: 'R1', name: 'Q1', from: '2019-01-01', to: '2019-03-31', deadline: '2019-04-10', courts: ['C1', 'C2', 'C3'] },
  // The host C1 is not listed: its own consolidated report is due later, by `consolidatedDeadline`.
  { periodId: 'R2', name: 'Q2', from: '2019-04-01', to: '2019-06-30', deadline: '2019-07-10', consolidatedDeadline: '2019-07-20', courts: ['C2', 'C3'] },
] as const;

export const setupHistory = async (w: World): Promise<void> => {
  const org = w.s.organization;
  for (const [i, courtId] of COURTS.entries()) {
    await w.emit(org, 'organization.court_registered', { courtId, name: `Court ${courtId}`, level: i === 0 ? 'intermediate' : 'grassroots', ...(i === 0 ? {} : { parentCourtId: 'C1' }) });
    for (const department of DEPTS) await w.emit(org, 'organization.department_registered', { courtId, department });
  }
  for (const p of PEOPLE) await w.emit(org, 'organization.person_registered', { ...p, name: `Person ${p.personId}` });
  await w.emit(org, 'organization.post_assigned', { personId: 'P1', post: 'verifier' });
  const c = w.s.campaign;
  await w.emit(c, 'campaign.launched', { campaignId: 'ny', name: 'Management year', organizerCourtId: 'C1', startYear: 2019, endYear: 2021, utcOffsetMinutes: 480 });
  await w.emit(c, 'campaign.category_defined', { categoryId: 'K1', name: 'Trials', firstTask: 1, lastTask: 2 });
  await w.emit(c, 'campaign.category_defined', { categoryId: 'K2', name: 'Staff', firstTask: 3, lastTask: 4 });
  for (const p of PERIODS) await w.emit(c, 'campaign.report_period_defined', { ...p, courts: [...p.courts] });
  for (const t of TASKS) {
    await w.emit(w.s.task(t.taskId), 'task.issued', {
      taskId: t.taskId, number: t.number, categoryId: t.categoryId, title: `Task ${t.number}`,
      leadDepartments: ['审管办'], coDepartments: t.number % 2 === 0 ? ['立案庭'] : [], scopeCourts: [...t.scope], dueDate: '2019-05-31',
    });
  }
};
