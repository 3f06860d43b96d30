/**
 * The task matrix section: tasks × departments as a heat map (the share of the task's courts in
 * which the department has accepted it), and the task table.
 */
import { esc, num, numCell, pct, textCell } from './format';
import { heatMap, type HeatCell, type HeatRow } from './heatmap';
import { label } from './labels';
import { dataTable, figure, section, table, tr, type Namer } from './layout';
import type { Dashboard } from './types';

type TaskRow = Dashboard['tasks']['matrix']['tasks'][number];

/** A department's acceptance of a task over its in-scope courts: accepted, of how many, and its role. */
export const acceptance = (t: TaskRow, department: string): { accepted: number; courts: number; role: 'lead' | 'co' | null } | undefined => {
  let accepted = 0; let courts = 0; let role: 'lead' | 'co' | null | undefined;
  for (const c of t.courts) {
    const cell = c.departments.find((x) => x.department === department);
    if (cell === undefined) continue;
    role = role ?? cell.role;
    if (!c.inScope) continue;
    courts++;
    if (cell.accepted) accepted++;
  }
  return role === undefined ? undefined : { accepted, courts, role };
};

/** Problems linked to a task, summed over its courts. */
export const taskProblems = (t: TaskRow) => t.courts.reduce(
  (s, c) => ({ total: s.total + c.problems.total, closed: s.closed + c.problems.closed, overdue: s.overdue + c.problems.overdue }),
  { total: 0, closed: 0, overdue: 0 });

/** The heat map and the task table. */
export const taskSection = (d: Dashboard, n: Namer): string => {
  const m = d.tasks.matrix;
  const rows: HeatRow[] = m.tasks.map((t) => {
    const cells: Record<string, HeatCell> = {};
    for (const dep of m.departments) {
      const a = acceptance(t, dep);
      if (a === undefined) continue;
      const value = a.courts === 0 ? null : a.accepted / a.courts;
      cells[dep] = {
        value, role: a.role, shown: `${a.accepted}/${a.courts}`,
        title: `任务 ${t.number} · ${dep} · ${a.role === 'lead' ? '牵头 lead' : a.role === 'co' ? '协办 co-responsible' : '其他 other'}: ${a.accepted}/${a.courts} 个法院已接收 courts accepted`,
      };
    }
    return { key: t.taskId, label: `${t.number}. ${t.title}`, cells };
  });
  const chart = heatMap({
    id: 'task-matrix-chart', title: `任务矩阵 Task matrix: ${m.tasks.length} tasks × ${m.departments.length} departments`,
    axisTitle: '已接收法院占比 Share of courts accepted',
    desc: 'Each cell: of the courts in the task\'s scope, how many have the department accepting the task (printed as accepted/courts; darker is more). Lead departments are outlined in black; blank cells are departments the task does not name.',
  }, rows, m.departments);
  const head = [['序号', 'No.'], ['任务', 'Task'], ['状态', 'Status'], ['完成时限', 'Due'], ['剩余天数', 'Days left'], ['牵头部门', 'Lead'],
    ['协办部门', 'Co-responsible'], ['关联问题', 'Problems'], ['已销号', 'Closed'], ['逾期问题', 'Overdue problems'], ['平均进度', 'Mean progress']] as const;
  const body = m.tasks.map((t) => {
    const p = taskProblems(t);
    const scoped = t.courts.filter((c) => c.inScope);
    const mean = scoped.length === 0 ? null : scoped.reduce((s, c) => s + (c.progressPercent ?? 0), 0) / scoped.length / 100;
    return tr(t.taskId, numCell('number', t.number) + textCell('title', t.title) +
      `<td data-field="status" data-value="${esc(t.status)}">${esc(label(t.status))}${t.overdue ? ' <strong class="flag">逾期 overdue</strong>' : ''}</td>` +
      textCell('dueDate', t.dueDate) + numCell('daysLeft', t.daysLeft) + textCell('lead', t.leadDepartments.join('、')) +
      textCell('co', t.coDepartments.join('、') || '—') + numCell('problems', p.total) + numCell('closed', p.closed) + numCell('overdue', p.overdue) +
      numCell('meanProgress', mean, pct));
  });
  const statuses = Object.entries(m.byStatus).map(([k, v]) => `${label(k)} ${num(v)}`).join(' · ');
  return section('task-matrix', { zh: '任务矩阵', en: 'Task matrix' }, figure(chart, `${statuses} · 逾期 overdue ${m.overdue}`) +
    dataTable(table('task-matrix', `任务 Tasks (${m.tasks.length})`, head, body)), `${n.court(d.campaign?.organizerCourtId)} · ${m.courts.length} 个法院 courts`);
};
