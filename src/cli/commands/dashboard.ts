/** `campaign-ledger dashboard`: every read model at one `--now`, as text, JSON or a self-contained HTML page. */
import * as E from 'fp-ts/Either';
import { verifyStore } from '../../audit/verify';
import { dashboardContext, renderDashboardHtml, trailStatus } from '../../dashboard-html/index';
import { dashboard } from '../../readmodels/dashboard';
import { oneOf, str, write, type Command } from '../command';
import { dashboardText } from '../dashboard-text';
import { fromLedgerError } from '../errors';
import { pathOf, writeFileAtomic } from '../files';
import { withStore } from '../open-store';
import { renderJson } from '../output';
import { createProgress } from '../progress';
import { loadReadModel, query } from '../readmodel';
import { campaignOption, formatOption, nowOf, nowOption, storeOptions, storeSpecOf } from './common';

const NAME = 'dashboard';

/** The `dashboard` command. */
export const dashboardCommand: Command = {
  name: NAME,
  summary: 'show the campaign dashboard: tasks, problems and rectification rate, colours, reports, inspections, accountability',
  usage: 'dashboard --store S [--campaign NS] [--now DATE] [--format table|json|html] [--out FILE]',
  details: [
    'The JSON has tasks.total, problems.total, problems.closed, problems.overdue and problems.rectificationRate',
    '(closed / total), plus every other read model. The HTML page is self-contained (no script, no network) and',
    "includes the trail's verification. Without --now, figures are computed at the trail's last recorded time.",
  ].join('\n'),
  options: {
    ...storeOptions,
    campaign: campaignOption,
    now: nowOption,
    format: formatOption(['table', 'json', 'html']),
    out: { type: 'string', value: 'FILE', description: 'write to this file instead of standard output' },
  },
  async run(values, io) {
    const format = oneOf(values, 'format', ['table', 'json', 'html'] as const, 'table', NAME);
    const spec = storeSpecOf(values, io, NAME);
    const given = str(values, 'now') === undefined ? undefined : nowOf(values, NAME, undefined);
    const namespace = str(values, 'campaign');
    const out = str(values, 'out');
    const { loaded, report } = await withStore(spec, { mode: 'read', command: NAME }, async ({ store }) => {
      const model = await loadReadModel(store, { command: NAME, progress: createProgress(io.stderr, 'reading'), ...(namespace === undefined ? {} : { namespace }), ...(given === undefined ? {} : { recordedUntil: given }) });
      if (format !== 'html') return { loaded: model, report: undefined };
      const verified = await verifyStore(store, { digestAt: nowOf(values, NAME, model.lastRecordedAt) })();
      if (E.isLeft(verified)) throw fromLedgerError(verified.left, NAME);
      return { loaded: model, report: verified.right };
    });
    const now = nowOf(values, NAME, loaded.lastRecordedAt);
    const d = query(NAME, () => dashboard(loaded.state, { now }));
    let text: string;
    if (format === 'json') text = renderJson(d);
    else if (format === 'html') text = query(NAME, () => renderDashboardHtml(d, { ...dashboardContext(loaded.state, { now }), ...(report ? { trail: trailStatus(report) } : {}) }));
    else text = dashboardText(d);
    if (out === undefined) await write(io.stdout, text);
    else {
      writeFileAtomic(pathOf(out, io.cwd), text);
      await write(io.stdout, `dashboard as of ${now} written to ${out}\n`);
    }
    return 0;
  },
};
