/**
 * The EventStoreDB client's own generated protobuf and gRPC service definitions, loaded as the
 * CommonJS modules they are (their exports are not visible to ESM named imports), plus small
 * builders for the messages and the three ways errors travel back to a client.
 */
import { createRequire } from 'node:module';
import * as grpc from '@grpc/grpc-js';

const require = createRequire(import.meta.url);

/**
 * Which client's generated code the server speaks with: `eventstore` (default) or `kurrent`, set by
 * importing ./esdb-kurrent first. The two packages' generated protobuf code registers the same
 * message names (`proto.event_store.client.*`) on the global object and their methods look them up
 * there, so the last package loaded owns them: a server and a client in one process must use the
 * same package's generated code, loaded after the other package (the adapter always loads
 * `@eventstore/db-client`). Test files therefore run one client each.
 */
export const PROTOCOL_FAMILY: 'eventstore' | 'kurrent' = process.env.ESDB_TEST_CLIENT === 'kurrent' ? 'kurrent' : 'eventstore';
if (PROTOCOL_FAMILY === 'kurrent') require('@eventstore/db-client'); // loaded first, so KurrentDB's generated code owns the globals
const gen = (name: string): unknown =>
  require(PROTOCOL_FAMILY === 'kurrent' ? `@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/${name}.js` : `@eventstore/db-client/generated/${name}.js`);

export const streamsPb = gen('streams_pb') as typeof import('@eventstore/db-client/generated/streams_pb');
export const sharedPb = gen('shared_pb') as typeof import('@eventstore/db-client/generated/shared_pb');
export const statusPb = gen('status_pb') as typeof import('@eventstore/db-client/generated/status_pb');
export const featuresPb = gen('serverfeatures_pb') as typeof import('@eventstore/db-client/generated/serverfeatures_pb');
export const gossipPb = gen('gossip_pb') as typeof import('@eventstore/db-client/generated/gossip_pb');
export const streamsGrpc = gen('streams_grpc_pb') as typeof import('@eventstore/db-client/generated/streams_grpc_pb');
export const featuresGrpc = gen('serverfeatures_grpc_pb') as typeof import('@eventstore/db-client/generated/serverfeatures_grpc_pb');
export const gossipGrpc = gen('gossip_grpc_pb') as typeof import('@eventstore/db-client/generated/gossip_grpc_pb');
export const anyPb = require('google-protobuf/google/protobuf/any_pb.js') as typeof import('google-protobuf/google/protobuf/any_pb');
export const emptyPb = require('google-protobuf/google/protobuf/empty_pb.js') as typeof import('google-protobuf/google/protobuf/empty_pb');

/** A gRPC error status with trailer metadata, as the server sends for Read, Delete and Append failures. */
export interface StatusError {
  readonly code: grpc.status;
  readonly details: string;
  readonly metadata: grpc.Metadata;
}

const statusError = (code: grpc.status, details: string, trailers: Record<string, string>): StatusError => {
  const metadata = new grpc.Metadata();
  for (const [k, v] of Object.entries(trailers)) metadata.set(k, v);
  return { code, details, metadata };
};

/** Errors sent as a gRPC status with an `exception` trailer (what the client decodes). */
export const statusErrors = {
  unavailable: (why = 'Server Is Not Ready') => statusError(grpc.status.UNAVAILABLE, why, {}),
  streamDeleted: (stream: string) =>
    statusError(grpc.status.FAILED_PRECONDITION, `Event stream '${stream}' is deleted.`, { exception: 'stream-deleted', 'stream-name': stream }),
  streamNotFound: (stream: string) =>
    statusError(grpc.status.NOT_FOUND, `Event stream '${stream}' is not found.`, { exception: 'stream-not-found', 'stream-name': stream }),
  maxAppendSize: (max: number) =>
    statusError(grpc.status.INVALID_ARGUMENT, `Maximum Append Size of ${max} Exceeded.`, {
      exception: 'maximum-append-size-exceeded', 'maximum-append-size': String(max),
    }),
  wrongExpectedVersion: (stream: string, expected: bigint, actual: bigint | undefined) =>
    statusError(grpc.status.FAILED_PRECONDITION, `Operation failed due to WrongExpectedVersion. Stream: ${stream}`, {
      exception: 'wrong-expected-version', 'stream-name': stream, 'expected-version': expected.toString(),
      ...(actual === undefined ? {} : { 'actual-version': actual.toString() }),
    }),
  invalidArgument: (why: string) => statusError(grpc.status.INVALID_ARGUMENT, why, {}),
  /** What servers answer to an `$all` read or subscription that starts inside a record. */
  invalidPosition: (position: bigint) =>
    statusError(grpc.status.UNKNOWN, `Unexpected ReadAllResult: Error (no record starts at position ${position})`, {}),
};

/** A `google.rpc.Status` carrying a packed detail message, as BatchAppend reports errors. */
export const rpcStatus = (code: grpc.status, message: string, detail: { serializeBinary(): Uint8Array }, typeName: string) => {
  const any = new anyPb.Any();
  any.pack(detail.serializeBinary(), typeName);
  const s = new statusPb.Status();
  s.setCode(code as number);
  s.setMessage(message);
  s.setDetails(any);
  return s;
};

/** A stream identifier message. */
export const streamIdentifier = (name: string) => {
  const id = new sharedPb.StreamIdentifier();
  id.setStreamName(Buffer.from(name, 'utf8'));
  return id;
};

/** The UTF-8 stream name carried by an identifier. */
export const streamNameOf = (id: { getStreamName_asU8(): Uint8Array } | undefined): string =>
  id === undefined ? '' : Buffer.from(id.getStreamName_asU8()).toString('utf8');

/** A UUID message in the form the client asked for (string or structured). */
export const uuidMessage = (id: string, structured: boolean) => {
  const u = new sharedPb.UUID();
  if (!structured) {
    u.setString(id);
    return u;
  }
  const hex = id.replace(/-/g, '');
  const s = new sharedPb.UUID.Structured();
  s.setMostSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(0, 16)}`)).toString());
  s.setLeastSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(16)}`)).toString());
  u.setStructured(s);
  return u;
};

/** The string form of a UUID message, in lower case (as servers return ids). */
export const uuidText = (u: InstanceType<typeof sharedPb.UUID> | undefined): string => {
  if (u === undefined) return '';
  if (u.hasStructured()) {
    const s = u.getStructured() as InstanceType<typeof sharedPb.UUID.Structured>;
    const hi = BigInt.asUintN(64, BigInt(s.getMostSignificantBits())).toString(16).padStart(16, '0');
    const lo = BigInt.asUintN(64, BigInt(s.getLeastSignificantBits())).toString(16).padStart(16, '0');
    const h = hi + lo;
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  return u.getString().toLowerCase();
};
