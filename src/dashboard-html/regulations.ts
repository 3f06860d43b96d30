/**
 * 制度建设 (固成果): each court's inventory of rules — cleared out, revised, newly made — and the
 * problems and tasks they answer.
 */
import { numCell, textCell } from './format';
import { section, table, tr, type Namer } from './layout';
import type { Dashboard } from './types';

const ACTION: Readonly<Record<string, string>> = { cleared: '清理废止 Cleared', revised: '修订 Revised', made: '新建 Made' };

/** The inventory by court, then every entry with what prompted it. */
export const regulationsSection = (d: Dashboard, n: Namer): string => {
  const r = d.regulations;
  const figures = (key: string, name: string, f: (typeof r.byCourt)[number]) => tr(key, textCell('court', name) + numCell('cleared', f.cleared) +
    numCell('revised', f.revised) + numCell('made', f.made) + numCell('total', f.total) + numCell('problemsAnswered', f.problemsAnswered) +
    numCell('tasksAnswered', f.tasksAnswered));
  const byCourt = table('regulations', '按法院 By court',
    [['单位', 'Court'], ['清理废止', 'Cleared'], ['修订', 'Revised'], ['新建', 'Made'], ['合计', 'Total'], ['对应问题', 'Problems answered'], ['对应任务', 'Tasks answered']],
    [...r.byCourt.filter((c) => c.total > 0).map((c) => figures(c.courtId, n.court(c.courtId), c)), figures('overall', '全部 All', r.overall)]);
  const entries = table('regulation-entries', '制度清单 Inventory', [['日期', 'Date'], ['单位', 'Court'], ['制度', 'Rule'], ['类别', 'Action'], ['文号', 'Number'], ['对应问题', 'Problems'], ['对应任务', 'Tasks']],
    r.rows.map((x) => tr(x.regulationId, textCell('on', x.on) + textCell('court', n.court(x.courtId)) + textCell('title', x.title) +
      textCell('action', ACTION[x.action] ?? x.action) + textCell('documentNumber', x.documentNumber ?? '—') +
      textCell('problems', x.problemIds.join('、') || '—') + textCell('tasks', x.taskIds.join('、') || '—'))), '尚无 None yet');
  return section('regulations', { zh: '制度建设', en: 'Rules cleared, revised and made' }, byCourt + entries,
    '固成果：各院对已有制度全面清理，需要修订的修订，存在空白的制定，每项制度对应其所针对的问题和任务。');
};
