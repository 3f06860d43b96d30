/**
 * Periodic reports up the hierarchy: each grassroots court's first responsible person reports
 * after each period with the figures its ledger gives (one court overstates its closures once and
 * is returned; one report is returned for vague measures); some reports are late; the office
 * accepts them, consolidates them and submits the intermediate court's own report.
 */
import type { ReportFigures } from '../campaign/report/events';
import { campaignReadModel } from '../readmodels/projection';
import type { ReadModelState } from '../readmodels/state';
import { figuresAt } from '../readmodels/reported';
import { endOfLocalDayMs } from '../campaign/time';
import { campaignZone } from '../readmodels/clock';
import { addWorkingDays } from '../campaign/calendar';
import type { Agenda } from './agenda';
import type { DemoContext } from './context';
import { INTERMEDIATE, demoCourts, grassrootsCourts } from './organization';
import { OFFICE, reportPeriods } from './setup';

type Period = (typeof reportPeriods)[number];

/** The read model of the demo's campaign, folded on from where it last stopped (one per context). */
const folded = new WeakMap<DemoContext, { state: ReadModelState; next: bigint }>();

const readModel = async (ctx: DemoContext): Promise<ReadModelState> => {
  const projection = campaignReadModel({ namespace: ctx.namespace });
  const known = folded.get(ctx) ?? { state: projection.initialState, next: 0n };
  for await (const e of ctx.store.readAll({ streamPrefix: `${ctx.namespace}/`, fromPosition: known.next })) {
    known.state = projection.apply(known.state, e);
    known.next = e.position + 1n;
  }
  folded.set(ctx, known);
  return known.state;
};

/** The figures the events give for `courts` at the end of a period (what an honest report claims). */
export const ledgerFigures = async (ctx: DemoContext, period: Period, courts: readonly string[]): Promise<ReportFigures> => {
  const state = await readModel(ctx);
  const f = figuresAt(state, new Set(courts), endOfLocalDayMs(period.to, campaignZone(state.catalog)), period.to);
  return {
    problemsFound: f.problemsFound, problemsClosed: f.problemsClosed, overdue: f.overdue,
    rectificationRatePercent: f.rectificationRatePercent === null ? 0 : Math.round(f.rectificationRatePercent * 10) / 10,
  };
};

/** The court whose Q3 report overstates its closures. */
export const OVERSTATED_Q3 = 'dc';

/** When each court reports in each period (local date), and the one returned or overstated report. */
const SCHEDULE: Readonly<Record<Period['periodId'], { submit: readonly string[]; returned?: string; overstated?: string }>> = {
  '2019-H1': { submit: ['2019-07-05', '2019-07-08', '2019-07-09', '2019-07-12', '2019-07-10', '2019-07-04', '2019-07-09', '2019-07-11'], returned: 'xc' },
  '2019-Q3': { submit: ['2019-10-08', '2019-10-12', '2019-10-09', '2019-10-09', '2019-10-10', '2019-10-08', '2019-10-11', '2019-10-09'], overstated: OVERSTATED_Q3 },
  '2019-ON': { submit: ['2019-12-06', '2019-12-09', '2019-12-09', '2019-12-13', '2019-12-10', '2019-12-05', '2019-12-09', '2019-12-11'] },
  // The year-end summary (年度总结), after the year: what was done, and what was carried over into 2020.
  '2019-Y': { submit: ['2020-01-06', '2020-01-07', '2020-01-08', '2020-01-09', '2020-01-10', '2020-01-06', '2020-01-08', '2020-01-13'] },
};

const text = (court: string, period: Period, f: ReportFigures) => ({
  found: `${period.name}，${court}共查找问题${f.problemsFound}个，全部录入台账。`,
  measures: '逐项明确责任领导、责任部门、责任人和整改时限，实行台账管理、对账销号。',
  results: `已整改销号${f.problemsClosed}个，整改率${f.rectificationRatePercent}%，逾期未整改${f.overdue}个。` +
    (period.periodId === '2019-Y' ? `未完成整改的${f.problemsFound - f.problemsClosed}个问题已结转2020年度继续整改；结合整改清理、修订和新建了一批制度。` : ''),
});

/** The working day `days` working days after `d` (courts act on working days). */
const plus = (d: string, days: number) => addWorkingDays(d, days);

/** Adds every report action of the periods (three in the year and the year-end summary) to the agenda. */
export const planReports = (ctx: DemoContext, agenda: Agenda): void => {
  const R = ctx.ledger.report;
  for (const period of reportPeriods) {
    const plan = SCHEDULE[period.periodId];
    let last = period.deadline as string;
    for (const [i, court] of grassrootsCourts.entries()) {
      const c = court.courtId;
      const submitted = plan.submit[i] as string;
      const submit = async (version: 'honest' | 'overstated', label: string) => {
        const honest = await ledgerFigures(ctx, period, [c]);
        let figures = honest;
        if (version === 'overstated') {
          const closed = Math.min(honest.problemsFound, honest.problemsClosed + 1);
          const rate = honest.problemsFound === 0 ? 0 : Math.round((closed / honest.problemsFound) * 1000) / 10;
          figures = { ...honest, problemsClosed: closed, rectificationRatePercent: rate, overdue: Math.max(0, honest.overdue - 1) };
        }
        await ctx.step(label, R.submit(`${c}-president`, { periodId: period.periodId, courtId: c, ...text(court.name, period, figures), figures }));
      };
      agenda.add(submitted, '17:00', `${period.periodId} report ${c}`, () => submit(plan.overstated === c ? 'overstated' : 'honest', `${period.periodId} report ${c}`));
      let acceptOn = plus(submitted > period.deadline ? submitted : period.deadline, 1 + i % 2);
      if (plan.returned === c || plan.overstated === c) {
        const reason = plan.returned === c ? '整改措施表述过于笼统，请逐项列明后重新报送。' : '上报数据与台账不符，请核实后重新报送。';
        agenda.add(plus(submitted, 2), '10:00', `${period.periodId} return ${c}`, async () => {
          await ctx.step(`${period.periodId} return ${c}`, R.return(OFFICE, { periodId: period.periodId, courtId: c, reason }));
        });
        agenda.add(plus(submitted, 4), '17:00', `${period.periodId} resubmit ${c}`, () => submit('honest', `${period.periodId} resubmit ${c}`));
        acceptOn = plus(submitted, 5);
      }
      if (acceptOn > last) last = acceptOn;
      agenda.add(acceptOn, '11:00', `${period.periodId} accept ${c}`, async () => {
        await ctx.step(`${period.periodId} accept ${c}`, R.accept(OFFICE, { periodId: period.periodId, courtId: c, note: '收悉，已审核。' }));
      });
    }
    const sources = grassrootsCourts.map((c) => c.courtId);
    agenda.add(plus(last, 1), '10:00', `${period.periodId} consolidate`, async () => {
      await ctx.step(`${period.periodId} consolidate`, R.consolidate(OFFICE, { periodId: period.periodId, courtId: INTERMEDIATE, sourceCourts: sources }));
    });
    agenda.add(plus(last, 2), '10:00', `${period.periodId} report ${INTERMEDIATE}`, async () => {
      const figures = await ledgerFigures(ctx, period, demoCourts.map((c) => c.courtId));
      await ctx.step(`${period.periodId} report ${INTERMEDIATE}`, R.submit(OFFICE, {
        periodId: period.periodId, courtId: INTERMEDIATE, ...text('全市法院', period, figures), figures,
      }));
    });
  }
};
