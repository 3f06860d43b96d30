/**
 * Read models of a campaign: projections (pure folds over recorded events, rebuildable from events
 * alone) and the queries over their state. Every figure derived from dates takes an explicit `now`.
 *
 * @module campaign-ledger/readmodels
 */
export * from './errors';
export * from './clock';
// The persistent map of read-model state: readable by users, built only by the folds.
export { pmGet, pmList, pmValues, type PMap } from './pmap';
export * from './state';
export * from './projection';
export * from './problem-view';
export * from './ledger';
export * from './rates';
export * from './court-ledgers';
export * from './tasks';
export * from './reports';
export * from './reported';
export * from './inspections';
export * from './accountability';
export * from './dashboard';
export * from './supervision';
