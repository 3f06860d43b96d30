/** Folds rule entry (制度建设) events into each court's inventory of rules. */
import type { RegulationEvent } from '../campaign/regulation/events';
import type { RecordedEvent } from '../eventsourcing/envelope';
import { CannotApply } from './errors';
import { pmGet, pmSet, type PMap } from './pmap';
import type { RegulationRow } from './state';

/** Folds one rule entry event. */
export const applyRegulation = (rows: PMap<RegulationRow>, ev: RegulationEvent, e: RecordedEvent): PMap<RegulationRow> => {
  const id = ev.data.regulationId;
  const current = pmGet(rows, id);
  if (ev.type === 'regulation.recorded') {
    if (current !== undefined) throw new CannotApply(e.type, e.streamId, `rule entry "${id}" was already recorded`);
    const d = ev.data;
    return pmSet(rows, id, {
      regulationId: id, courtId: d.courtId, title: d.title, action: d.action, on: d.on,
      ...(d.documentNumber === undefined ? {} : { documentNumber: d.documentNumber }),
      problemIds: [...d.problemIds], taskIds: [...d.taskIds], withdrawn: false, recordedAt: e.metadata.recordedAt,
    });
  }
  if (current === undefined) throw new CannotApply(e.type, e.streamId, `rule entry "${id}" was never recorded`);
  return pmSet(rows, id, ev.type === 'regulation.linked'
    ? { ...current, problemIds: [...current.problemIds, ...ev.data.problemIds], taskIds: [...current.taskIds, ...ev.data.taskIds] }
    : { ...current, withdrawn: true });
};
