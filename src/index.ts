/**
 * campaign-ledger: an event-sourced SDK for management campaigns.
 *
 * The kernel (envelope, store port, errors, codecs, integrity, deciders, command handling,
 * projections) is exported here; stores are separate entry points
 * (`campaign-ledger/adapters/memory`, `…/sqlite`, `…/eventstoredb`).
 */
export * from './eventsourcing/index';
export * from './audit/index';
