/**
 * The supervision section (督办): every supervision item with its warning colour, the step of the
 * escalation ladder each late problem has reached, and the log of the warnings, reminders and steps
 * given, as recorded on the trail. A colour is always written out as well as shown.
 */
import { bilingualOf, STEP_LABELS, SUPERVISION_LABELS } from '../office/labels';
import { WARNING_LABELS } from '../office/warning';
import { esc, num, numCell, textCell } from './format';
import { dataTable, section, table, tr, type Namer } from './layout';
import { kpi } from './problems';
import type { Dashboard } from './types';

type Unit = { readonly courtId: string; readonly department?: string };

const unit = (u: Unit | null, n: Namer): string => (u === null ? '—' : `${n.court(u.courtId)}${u.department === undefined ? '' : ` ${u.department}`}`);

/** A cell with the warning colour written out and shown as the cell's fill. */
const colourCell = (colour: string | null): string =>
  colour === null ? textCell('colour', '—') : `<td data-field="colour" data-value="${esc(colour)}" class="warn warn-${esc(colour)}">${esc(bilingualOf(WARNING_LABELS, colour))}</td>`;

const SOURCES: Readonly<Record<string, string>> = {
  leading_group_decision: '领导小组决定', leader_instruction: '领导批示', inspection: '督查检查', report: '报告反映',
};

/** Supervision items, the ladder step of late problems, and the warnings given. */
export const supervisionSection = (d: Dashboard, n: Namer): string => {
  const s = d.supervision;
  const kpis = `<dl class="kpis">${([
    ['supervision.total', '督办事项', 'items', s.total], ['supervision.open', '未办结', 'open', s.open], ['supervision.red', '红色预警', 'red', s.byColour.red ?? 0],
    ['supervision.yellow', '黄色预警', 'yellow', s.byColour.yellow ?? 0], ['supervision.blue', '蓝色预警', 'blue', s.byColour.blue ?? 0],
    ['supervision.warningsGiven', '已发提醒', 'warnings given', s.warningsGiven.length],
  ] as const).map(([field, zh, en, v]) => kpi(field, zh, en, v, num(v))).join('')}</dl>`;
  const items = table('supervision-items', `督办事项 Supervision items (${s.total})`,
    [['编号', 'Number'], ['事项', 'Item'], ['来源', 'Source'], ['主办单位', 'Lead unit'], ['协办单位', 'Co-units'], ['办理时限', 'Deadline'], ['剩余天数', 'Days left'],
      ['状态', 'Stage'], ['反馈', 'Feedback'], ['催办', 'Reminders'], ['预警', 'Warning']],
    s.items.map((i) => tr(i.itemId, textCell('number', i.number ?? '（未立项）') + textCell('title', i.title) + textCell('source', SOURCES[i.source] ?? i.source) +
      textCell('lead', unit(i.lead, n)) + textCell('co', i.co.map((u) => unit(u, n)).join('、') || '—') + textCell('deadline', i.deadline ?? '—') +
      numCell('daysLeft', i.daysLeft) + textCell('status', bilingualOf(SUPERVISION_LABELS, i.status)) +
      textCell('feedback', `${i.feedbackGiven}${i.feedbackMissing ? ' · 逾期未反馈 missed' : ''}${i.nextFeedbackDue === null ? '' : ` · 下次 next ${i.nextFeedbackDue}`}`) +
      numCell('reminders', i.reminders) + colourCell(i.colour))), '没有督办事项 No supervision item');
  const ladder = s.ladder === null ? '（未配置，逾期即问责 not configured: overdue goes to accountability）' : s.ladder.map((x) => bilingualOf(STEP_LABELS, x)).join(' → ');
  const late = table('escalations', `逾期问题的督办步骤 Escalation of late problems · 阶梯 ladder: ${ladder}`,
    [['问题编号', 'Ledger no.'], ['单位', 'Court'], ['问题', 'Problem'], ['整改时限', 'Deadline'], ['逾期天数', 'Days overdue'], ['已到步骤', 'Step reached'], ['日期', 'On'], ['下一步', 'Next']],
    s.escalations.map((e) => tr(e.problemId, textCell('ledgerNumber', e.ledgerNumber ?? e.problemId) + textCell('court', n.court(e.courtId)) + textCell('title', e.title) +
      textCell('deadline', e.deadline ?? '—') + numCell('daysOverdue', e.daysOverdue) +
      textCell('step', e.step === null ? '尚未督办 none yet' : `${bilingualOf(STEP_LABELS, e.step)}（${e.stepsTaken}/${e.ladder.length}）`) +
      textCell('stepDay', e.stepDay ?? '—') + textCell('next', e.next === null ? (e.step === null ? '—' : '已到最后一步 ladder complete') : bilingualOf(STEP_LABELS, e.next)))),
    '没有逾期问题 No late problem');
  const log = table('warnings-given', `已发预警和催办 Warnings given (${s.warningsGiven.length})`,
    [['日期', 'Day'], ['类别', 'Kind'], ['颜色/步骤', 'Colour / step'], ['对象', 'About'], ['发往', 'Addressed to'], ['规则', 'Rule'], ['发出人', 'Given by']],
    s.warningsGiven.map((w, k) => tr(`${k}`, textCell('day', w.day) + textCell('kind', bilingualOf(STEP_LABELS, w.kind === 'escalation' ? 'escalation' : w.kind)) +
      (w.colour !== null ? colourCell(w.colour) : textCell('step', bilingualOf(STEP_LABELS, w.step))) + textCell('subject', w.subject.label) +
      textCell('addressedTo', unit(w.addressedTo, n)) + textCell('rule', w.rule) + textCell('givenBy', n.person(w.givenBy)))),
    '尚未发出 None given yet');
  return section('supervision', { zh: '督查督办', en: 'Supervision and follow-up' },
    kpis + items + late + dataTable(log, `已发预警和催办 warnings given (${s.warningsGiven.length})`), '颜色：蓝 临近时限，黄 进度滞后或退回重办，红 逾期。Colours: blue approaching, yellow behind or returned, red overdue.');
};
