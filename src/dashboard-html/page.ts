/**
 * The page: one self-contained HTML document (inline CSS, inline SVG, no script, no external
 * resource of any kind), the sections in a fixed order, and a table of contents.
 */
import { esc } from './format';
import { accountabilitySection, reportedSection, trailSection } from './integrity';
import { namer } from './layout';
import { inspectionsSection, reportsSection } from './oversight';
import { colourSection, ratesSection, summarySection, trendSection } from './problems';
import { regulationsSection } from './regulations';
import { supervisionSection } from './supervision';
import { taskSection } from './tasks';
import type { Dashboard, RenderOptions } from './types';

const CSS = `
:root{--ink:#1b1b1b;--muted:#555;--line:#d0d0d0;--bg:#fff;--panel:#f6f7f9}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.5 "Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",system-ui,sans-serif}
header{padding:16px 24px;border-bottom:3px solid #1565c0;background:var(--panel)}
header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;color:var(--muted)}
nav ul{display:flex;flex-wrap:wrap;gap:4px 14px;list-style:none;margin:8px 0 0;padding:0}
main{padding:8px 24px 32px;max-width:1100px}
section{border-top:1px solid var(--line);padding:12px 0 18px}
h2{font-size:18px;margin:6px 0 8px}
.en{display:block;font-size:.78em;font-weight:400;color:var(--muted)}
h2 .en{display:inline;margin-left:.4em}
.intro,.note,figcaption{color:var(--muted)}
figure{margin:0;overflow-x:auto}
.kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:8px;margin:0}
.kpi{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:8px 10px}
.kpi dt{font-size:13px}.kpi dd{margin:2px 0 0;font-size:22px;font-weight:700}
table{border-collapse:collapse;margin:8px 0;font-size:13px}
caption{text-align:left;font-weight:700;padding:4px 0}
th,td{border:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top}
thead th{background:var(--panel)}
td.n{text-align:right;font-variant-numeric:tabular-nums}
td.hash{font-family:ui-monospace,"DejaVu Sans Mono",monospace;word-break:break-all}
details.data summary{cursor:pointer;color:#1565c0}
table.ok caption{color:#1b5e20}table.failed caption{color:#b71c1c}
.flag{color:#b71c1c}
td.warn-red{background:#ff7c80}td.warn-yellow{background:#ffe699}td.warn-blue{background:#9bc2e6}
svg.chart{display:block;max-width:100%;height:auto;font-size:12px}
svg .grid{stroke:#e3e3e3;stroke-width:1}svg .axis,svg .tick-mark{stroke:#333;stroke-width:1}
svg .tick{fill:#444;font-size:11px}svg .axis-title{fill:#222;font-size:12px;font-weight:700}
svg .label,svg .value,svg .legend{fill:#111}svg .cell-label{font-size:9px}
svg .seg-label{fill:#000;font-size:11px;font-weight:700;paint-order:stroke;stroke:#fff;stroke-width:3px}
svg .blank{fill:#fff;stroke:#eee;stroke-width:.5}
footer{padding:12px 24px;color:var(--muted);border-top:1px solid var(--line)}
@media print{details.data{display:block}header{background:none}}
`;

const SECTIONS: readonly (readonly [string, string])[] = [
  ['summary', '总体情况'], ['rates-by-court', '整改率（法院）'], ['rates-by-department', '整改率（部门）'], ['colour-board', '红黄绿预警'],
  ['task-matrix', '任务矩阵'], ['trend', '整改走势'], ['reports', '报告及时性'], ['inspections', '检查覆盖'], ['accountability', '问责台账'], ['supervision', '督查督办'],
  ['regulations', '制度建设'], ['reported', '报送与计算'], ['trail', '留痕校验'],
];

/**
 * Renders the dashboard JSON (what `dashboard(state, { now })` returns) as one self-contained HTML
 * page: inline SVG charts, each with a title, a description and a data table, no script and no
 * network access. Every value from the data is escaped. Pure: the same input gives the same bytes.
 *
 * @param dashboard - the dashboard JSON (as returned by `dashboard`, or parsed back from its JSON)
 * @param options - display names, the series over time and the trail's status (see {@link RenderOptions})
 * @returns the HTML document as a string (UTF-8 when written to a file)
 */
export const renderDashboardHtml = (dashboard: Dashboard, options: RenderOptions = {}): string => {
  const d = dashboard;
  const n = namer(options.names);
  const campaign = d.campaign?.name ?? null;
  const title = options.title ?? (campaign ? `${campaign} · 工作看板 Dashboard` : '工作看板 Campaign dashboard');
  const body = [
    summarySection(d), ratesSection(d, n, 'court'), ratesSection(d, n, 'department'), colourSection(d, n), taskSection(d, n),
    trendSection(options.trend), reportsSection(d, n), inspectionsSection(d, n), accountabilitySection(d, n), supervisionSection(d, n), regulationsSection(d, n), reportedSection(d, n),
    trailSection(options.trail),
  ].join('\n');
  const nav = SECTIONS.map(([id, zh]) => `<li><a href="#${id}">${esc(zh)}</a></li>`).join('');
  return `<!DOCTYPE html>
<html lang="${esc(options.lang ?? 'zh-CN')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>${esc(title)}</h1><p>截至 As of ${esc(d.asOf.today)} · ${esc(d.asOf.now)} · ${esc(d.asOf.timeZone)} · 事件位置 trail position ${esc(d.asOf.lastPosition ?? '—')}</p>
<nav aria-label="目录 Contents"><ul>${nav}</ul></nav></header>
<main>
${body}
</main>
<footer>本页全部数字均由事件留痕计算得出，可随时重算。Every figure on this page is computed from the event trail and can be rebuilt from it.</footer>
</body>
</html>
`;
};
