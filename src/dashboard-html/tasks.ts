/**
 * The task matrix section: tasks × departments as a heat map, and the task table. A cell is
 * drawn where the task names the department (lead or co-responsible): its shade is the task's
 * completion, its text the status (✓ evaluated, 报 completion reported, 退 returned, else the
 * mean progress in percent; `!` marks an overdue task; a corner triangle marks the lead), so each department's column shows where
 * its tasks stand.
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

/** A task's completion: 1 once reported complete or evaluated, else the mean progress of its in-scope courts (null without any). */
export const completion = (t: TaskRow): number | null => {
  if (t.status === 'evaluated' || t.status === 'completion_reported') return 1;
  const scoped = t.courts.filter((c) => c.inScope);
  return scoped.length === 0 ? null : scoped.reduce((s, c) => s + (c.progressPercent ?? 0), 0) / scoped.length / 100;
};

/** The text of a task's cells. */
export const completionText = (t: TaskRow): string => {
  const glyph = t.status === 'evaluated' ? '✓' : t.status === 'completion_reported' ? '报' : t.status === 'returned' ? '退' : String(Math.round((completion(t) ?? 0) * 100));
  return `${t.overdue ? '!' : ''}${glyph}`;
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
    const value = completion(t);
    for (const dep of m.departments) {
      const a = acceptance(t, dep);
      if (a === undefined) continue;
      cells[dep] = {
        value, role: a.role, shown: completionText(t),
        title: `任务 ${t.number} · ${dep} · ${a.role === 'lead' ? '牵头 lead' : a.role === 'co' ? '协办 co-responsible' : '其他 other'} · ${label(t.status)}` +
          `${t.overdue ? ' · 逾期 overdue' : ''} · 完成度 completion ${pct(value)} · ${a.accepted}/${a.courts} 个法院已接收 courts accepted`,
      };
    }
    return { key: t.taskId, label: `${t.number}. ${t.title}`, cells };
  });
  const chart = heatMap({
    id: 'task-matrix-chart', title: `任务矩阵 Task matrix: ${m.tasks.length} tasks × ${m.departments.length} departments`,
    axisTitle: '完成度 Completion',
    desc: 'A cell for each department a task names: darker is further along (the mean progress of its courts, full once reported complete or evaluated). The text: ✓ evaluated, 报 completion reported, 退 returned, else the progress in percent; ! marks an overdue task. A triangle in the corner marks a lead department.',
  }, rows, m.departments);
  const head = [['序号', 'No.'], ['任务', 'Task'], ['状态', 'Status'], ['完成时限', 'Due'], ['剩余天数', 'Days left'], ['牵头部门', 'Lead'],
    ['协办部门', 'Co-responsible'], ['已接收部门', 'Accepted by'], ['关联问题', 'Problems'], ['已销号', 'Closed'], ['逾期问题', 'Overdue problems'], ['完成度', 'Completion']] as const;
  const body = m.tasks.map((t) => {
    const p = taskProblems(t);
    const accepted = [...new Set(t.courts.flatMap((c) => c.departments.filter((x) => x.accepted).map((x) => `${n.court(c.courtId)} ${x.department}`)))];
    return tr(t.taskId, numCell('number', t.number) + textCell('title', t.title) +
      `<td data-field="status" data-value="${esc(t.status)}">${esc(label(t.status))}${t.overdue ? ' <strong class="flag">逾期 overdue</strong>' : ''}</td>` +
      textCell('dueDate', t.dueDate) + numCell('daysLeft', t.daysLeft) + textCell('lead', t.leadDepartments.join('、')) +
      textCell('co', t.coDepartments.join('、') || '—') + textCell('accepted', accepted.join('、') || '—') + numCell('problems', p.total) +
      numCell('closed', p.closed) + numCell('overdue', p.overdue) + numCell('completion', completion(t), pct));
  });
  const statuses = Object.entries(m.byStatus).map(([k, v]) => `${label(k)} ${num(v)}`).join(' · ');
  return section('task-matrix', { zh: '任务矩阵', en: 'Task matrix' }, figure(chart, `${statuses} · 逾期 overdue ${m.overdue}`) +
    dataTable(table('task-matrix', `任务 Tasks (${m.tasks.length})`, head, body)), `${n.court(d.campaign?.organizerCourtId)} · ${m.courts.length} 个法院 courts`);
};
