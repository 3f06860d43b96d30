/**
 * `campaign-ledger/kernel`: the event-sourcing kernel (envelope, store port, errors, codecs,
 * integrity, deciders, command handling, projections) and the campaign domain built on it (events
 * and commands as codecs, states, deciders, policies, the registry and stream names). For adapter
 * authors, for extensions that add aggregates, and for tests that drive deciders directly.
 *
 * @module campaign-ledger/kernel
 */
export * from './eventsourcing/index';
export * from './campaign/index';
