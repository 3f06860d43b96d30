/**
 * The audit trail: timelines, state as of any moment, field-level diffs, streaming verification
 * with a stated assurance, Merkle digests (optionally Ed25519-signed) with inclusion and
 * consistency proofs, JSON Lines export, offline verification and verified import, CSV tables.
 * Domain-agnostic: everything works on envelopes through the store port.
 *
 * @module campaign-ledger/audit
 */
export * from './timeline';
export * from './time';
export * from './as-of';
export * from './diff';
export * from './chain';
export * from './report';
export * from './verify';
export * from './merkle';
export * from './signature';
export * from './digest';
export * from './proofs';
export * from './jsonl';
export * from './export';
export * from './import';
export * from './errors';
export * from './csv';
export * from './note';
export * from './checkpoint';
export * from './cosignature';
export * from './files';
export * from './witness';
export * from './witness-http';
export * from './witnessed';
export * from './cosigning';
export * from './tlog-proof';
