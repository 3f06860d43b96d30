import { describe, expect, it } from 'vitest';
import { reportAggregate } from '../../src/campaign/report/decider';
import type { ReportEvent, ReportFigures } from '../../src/campaign/report/events';
import type { ConsolidateWithSources, ReportCommand } from '../../src/campaign/report/commands';
import { actor, campaign, org, specOf } from './support/world';

const spec = specOf(reportAggregate, { org, campaign });
const figures: ReportFigures = { problemsFound: 10, problemsClosed: 4, rectificationRatePercent: 40, overdue: 1 };
const submit: ReportCommand = { type: 'submit', periodId: '2019-H1', courtId: 'NANGUAN', found: '查摆问题10个', measures: '制定措施', results: '整改4个', figures };
const ng = actor('ng-president');
const office = actor('office1');
const submittedV = (version: number, onTime = true): ReportEvent => ({
  type: 'report.submitted',
  data: {
    reportId: '2019-H1@NANGUAN', periodId: '2019-H1', courtId: 'NANGUAN', version, deadline: '2019-07-10', onTime,
    found: '查摆问题10个', measures: '制定措施', results: '整改4个', figures, consolidated: [],
  },
});
const returned: ReportEvent = { type: 'report.returned', data: { reportId: '2019-H1@NANGUAN', version: 1, reason: '数据不实' } };
const accepted: ReportEvent = { type: 'report.accepted', data: { reportId: '2019-H1@NANGUAN', version: 1, note: '收悉' } };

describe('report: submission', () => {
  it('is submitted on time by the trusted clock (last local day of the deadline)', () => {
    spec.given([]).when(submit, { actor: ng, recordedAt: '2019-07-10T15:00:00.000Z' }).thenEmits([submittedV(1)]);
  });
  it('is recorded late after the deadline, whatever effective time the caller claims', () => {
    spec.given([]).when(submit, { actor: ng, recordedAt: '2019-07-10T16:00:00.000Z', effectiveAt: '2019-07-01T00:00:00.000Z' }).thenEmits([submittedV(1, false)]);
  });
  it('a submitted version is never changed: a second submission is refused until it is returned', () => {
    spec.given([submittedV(1)]).when(submit, { actor: ng }).thenRefused('report.already_submitted');
    spec.given([submittedV(1), accepted]).when(submit, { actor: ng }).thenRefused('report.already_accepted');
  });
  it('a returned report is resubmitted as a new version, the old one kept as it was', () => {
    const s = spec.given([submittedV(1), returned]).when({ ...submit, results: '整改5个', figures: { ...figures, problemsClosed: 5, rectificationRatePercent: 50 } }, { actor: ng })
      .thenEmitsTypes('report.submitted');
    expect(s.versions.map((v) => [v.version, v.figures.problemsClosed])).toEqual([[1, 4], [2, 5]]);
  });
  it('refuses unknown periods, unexpected courts, early submissions, inconsistent figures', () => {
    spec.given([]).when({ ...submit, periodId: 'NOPE' }, { actor: ng }).thenRefused('report.period.unknown');
    spec.given([]).when({ ...submit, courtId: 'ELSE' }, { actor: ng }).thenRefused('report.court.not_expected');
    spec.given([]).when(submit, { actor: ng, recordedAt: '2019-05-10T00:00:00.000Z' }).thenRefused('report.period.not_started');
    spec.given([]).when({ ...submit, figures: { ...figures, problemsClosed: 11 } }, { actor: ng }).thenRefused('report.figures.inconsistent');
  });
  it('only the court\'s leadership submits', () => {
    spec.given([]).when(submit, { actor: actor('ng-staff') }).thenNotAuthorized('report.submit');
    spec.given([]).when(submit, { actor: actor('cy-president') }).thenNotAuthorized('report.submit');
  });
});

describe('report: acceptance and return', () => {
  it('the office or the court above accepts or returns the submitted version', () => {
    spec.given([submittedV(1)]).when({ type: 'accept', periodId: '2019-H1', courtId: 'NANGUAN', note: '收悉' }, { actor: office }).thenEmits([accepted]);
    spec.given([submittedV(1)]).when({ type: 'return', periodId: '2019-H1', courtId: 'NANGUAN', reason: '数据不实' }, { actor: actor('president') }).thenEmits([returned]);
  });
  it('refuses to decide on nothing, and refuses the reporting court deciding on itself', () => {
    spec.given([]).when({ type: 'accept', periodId: '2019-H1', courtId: 'NANGUAN', note: 'x' }, { actor: office }).thenRefused('report.not_submitted');
    spec.given([submittedV(1), accepted]).when({ type: 'return', periodId: '2019-H1', courtId: 'NANGUAN', reason: 'x' }, { actor: office }).thenRefused('report.not_submitted');
    spec.given([submittedV(1)]).when({ type: 'accept', periodId: '2019-H1', courtId: 'NANGUAN', note: 'x' }, { actor: ng }).thenNotAuthorized('report.accept');
  });
});

describe('report: consolidation of accepted lower reports', () => {
  const cons = (sources: ConsolidateWithSources['sources']): ReportCommand =>
    ({ type: 'consolidate', periodId: '2019-H1', courtId: 'CITY', sources });
  it('folds accepted lower reports into the higher court\'s report, then submission carries them', () => {
    const s = spec.given([]).when(cons([{ courtId: 'NANGUAN', status: 'accepted', version: 2, figures }]), { actor: office })
      .thenEmits([{ type: 'report.consolidated', data: { reportId: '2019-H1@CITY', sources: [{ courtId: 'NANGUAN', version: 2, figures }] } }]);
    expect(s.status).toBe('draft');
    const consolidated: ReportEvent = { type: 'report.consolidated', data: { reportId: '2019-H1@CITY', sources: [{ courtId: 'NANGUAN', version: 2, figures }] } };
    const after = spec.given([consolidated]).when({ ...submit, courtId: 'CITY' } as ReportCommand, { actor: office }).thenEmitsTypes('report.submitted');
    expect(after.versions[0]?.consolidated).toEqual([{ courtId: 'NANGUAN', version: 2, figures }]);
  });
  it('refuses reports not accepted, courts not directly below, repeats, and consolidation after submission', () => {
    spec.given([]).when(cons([{ courtId: 'NANGUAN', status: 'submitted', version: 1, figures }]), { actor: office }).thenRefused('report.consolidate.not_accepted');
    spec.given([]).when({ ...cons([{ courtId: 'CHAOYANG', status: 'accepted', version: 1, figures }]), courtId: 'NANGUAN' } as ReportCommand, { actor: ng })
      .thenRefused('report.consolidate.not_lower_court');
    const consolidated: ReportEvent = { type: 'report.consolidated', data: { reportId: '2019-H1@CITY', sources: [{ courtId: 'NANGUAN', version: 2, figures }] } };
    spec.given([consolidated]).when(cons([{ courtId: 'NANGUAN', status: 'accepted', version: 2, figures }]), { actor: office }).thenRefused('report.consolidate.already_included');
    const citySubmitted: ReportEvent = { ...submittedV(1), data: { ...(submittedV(1).data as object), reportId: '2019-H1@CITY', courtId: 'CITY' } } as ReportEvent;
    spec.given([citySubmitted]).when(cons([{ courtId: 'NANGUAN', status: 'accepted', version: 2, figures }]), { actor: office }).thenRefused('report.consolidate.after_submission');
    spec.given([]).when(cons([{ courtId: 'NANGUAN', status: 'accepted', version: 2, figures }]), { actor: actor('tmo-head') }).thenNotAuthorized('report.consolidate');
  });
});

describe('report: the host court\'s consolidated report has its own, later deadline', () => {
  const period = campaign.periods.get('2019-H1')!;
  const withHostDeadline = { ...campaign, periods: new Map(campaign.periods).set('2019-H1', { ...period, consolidatedDeadline: '2019-07-20' }) };
  const hostSpec = specOf(reportAggregate, { org, campaign: withHostDeadline });
  const hostSubmit = { ...submit, courtId: 'CITY' } as ReportCommand;
  it('given a period with a consolidated deadline, when the host submits after its subordinates\' deadline but by its own, then it is on time', () => {
    const s = hostSpec.given([]).when(hostSubmit, { actor: office, recordedAt: '2019-07-15T02:00:00.000Z' }).thenEmitsTypes('report.submitted');
    expect(s.versions[0]).toMatchObject({ deadline: '2019-07-20', onTime: true });
  });
  it('given the same period, when a subordinate submits after its own deadline, then it is late (the host\'s date is not its date)', () => {
    const s = hostSpec.given([]).when(submit, { actor: ng, recordedAt: '2019-07-15T02:00:00.000Z' }).thenEmitsTypes('report.submitted');
    expect(s.versions[0]).toMatchObject({ deadline: '2019-07-10', onTime: false });
  });
  it('given the same period, when the host submits after its own deadline, then it is late', () => {
    const s = hostSpec.given([]).when(hostSubmit, { actor: office, recordedAt: '2019-07-20T16:00:00.000Z' }).thenEmitsTypes('report.submitted');
    expect(s.versions[0]).toMatchObject({ deadline: '2019-07-20', onTime: false });
  });
});
