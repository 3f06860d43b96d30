/**
 * The event-sourcing kernel: envelope, store port, errors, codecs, integrity, deciders,
 * command handling and projections. Domain-agnostic.
 */
export * from './envelope';
export * from './revision';
export * from './errors';
export * from './canonical';
export * from './integrity';
export * from './validation';
export * from './codecs';
export * from './store';
export * from './append';
export * from './live-feed';
export * from './decider';
export * from './handler';
export * from './projection';
export * from './lease';
export * from './runner';
export * from './ids';
export * from './read-options';
export * from './json';
export * from './runnable';
export * from './state-cache';
export * from './snapshots';
