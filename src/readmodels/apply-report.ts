/** Folds Report events: every submitted version kept with its claimed figures, then accepted or returned. */
import type { ReportEvent } from '../campaign/report/events';
import type { RecordedEvent } from '../eventsourcing/envelope';
import { CannotApply } from './errors';
import { pmGet, pmSet, type PMap } from './pmap';
import type { ReportRow } from './state';

const blank = (reportId: string): ReportRow => {
  const i = reportId.indexOf('@');
  return { reportId, periodId: reportId.slice(0, i), courtId: reportId.slice(i + 1), versions: [], gathered: [] };
};

const decide = (r: ReportRow, e: RecordedEvent, version: number, status: 'accepted' | 'returned'): ReportRow => {
  const v = r.versions.find((x) => x.version === version);
  if (v === undefined) throw new CannotApply(e.type, e.streamId, `version ${version} of report "${r.reportId}" was never submitted`);
  return { ...r, versions: r.versions.map((x) => (x.version === version ? { ...x, status } : x)) };
};

/** Folds one Report event into the report rows. */
export const applyReport = (rows: PMap<ReportRow>, ev: ReportEvent, e: RecordedEvent): PMap<ReportRow> => {
  const id = ev.data.reportId;
  const r = pmGet(rows, id) ?? blank(id);
  switch (ev.type) {
    case 'report.submitted': {
      const d = ev.data;
      if (r.versions.some((x) => x.version === d.version)) {
        throw new CannotApply(e.type, e.streamId, `version ${d.version} of report "${id}" was already submitted`);
      }
      const version = {
        version: d.version, deadline: d.deadline, onTime: d.onTime, submittedAt: e.metadata.recordedAt,
        figures: { ...d.figures }, consolidated: d.consolidated.map((c) => ({ ...c, figures: { ...c.figures } })), status: 'submitted' as const,
        text: { found: d.found, measures: d.measures, results: d.results },
      };
      return pmSet(rows, id, { ...r, periodId: d.periodId, courtId: d.courtId, versions: [...r.versions, version] });
    }
    case 'report.accepted':
      return pmSet(rows, id, decide(r, e, ev.data.version, 'accepted'));
    case 'report.returned':
      return pmSet(rows, id, decide(r, e, ev.data.version, 'returned'));
    case 'report.consolidated':
      return pmSet(rows, id, { ...r, gathered: ev.data.sources.map((c) => ({ ...c, figures: { ...c.figures } })) });
  }
};
