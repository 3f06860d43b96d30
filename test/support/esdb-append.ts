/**
 * Streams.Append and Streams.BatchAppend of the test server, with errors as real servers send
 * them: Append reports a wrong expected version in the response body and other failures as a gRPC
 * status with trailers; BatchAppend reports every failure as a `google.rpc.Status` whose details
 * carry the typed error, next to the stream identifier.
 */
import * as grpc from '@grpc/grpc-js';
import type { AppendOutcome, Expected, Proposed } from './esdb-log';
import { endWithError, gate, type ServerContext } from './esdb-context';
import { emptyPb, rpcStatus, sharedPb, statusErrors, streamIdentifier, streamNameOf, streamsPb, uuidText, type StatusError } from './esdb-proto';

type AppendReq = InstanceType<typeof streamsPb.AppendReq>;
type AppendResp = InstanceType<typeof streamsPb.AppendResp>;
type BatchReq = InstanceType<typeof streamsPb.BatchAppendReq>;
type BatchResp = InstanceType<typeof streamsPb.BatchAppendResp>;
type Message = InstanceType<typeof streamsPb.AppendReq.ProposedMessage> | InstanceType<typeof streamsPb.BatchAppendReq.ProposedMessage>;

const missingMetadata = (): StatusError => {
  const metadata = new grpc.Metadata();
  metadata.set('exception', 'missing-required-metadata-property');
  metadata.set('required-metadata-properties', 'type,content-type');
  return { code: grpc.status.INVALID_ARGUMENT, details: 'Required metadata properties missing', metadata };
};

const proposed = (m: Message): Proposed | undefined => {
  const md = m.getMetadataMap();
  const type = md.get('type');
  const contentType = md.get('content-type');
  if (!type || !contentType) return undefined;
  return { id: uuidText(m.getId()), type, contentType, data: m.getData_asU8(), metadata: m.getCustomMetadata_asU8() };
};

const C = streamsPb.AppendReq.Options.ExpectedStreamRevisionCase;
const appendExpected = (o: InstanceType<typeof streamsPb.AppendReq.Options>): Expected => {
  switch (o.getExpectedStreamRevisionCase()) {
    case C.REVISION: return { kind: 'revision', revision: BigInt(o.getRevision()) };
    case C.NO_STREAM: return { kind: 'no_stream' };
    case C.STREAM_EXISTS: return { kind: 'stream_exists' };
    default: return { kind: 'any' };
  }
};

const B = streamsPb.BatchAppendReq.Options.ExpectedStreamPositionCase;
const batchExpected = (o: InstanceType<typeof streamsPb.BatchAppendReq.Options>): Expected => {
  switch (o.getExpectedStreamPositionCase()) {
    case B.STREAM_POSITION: return { kind: 'revision', revision: BigInt(o.getStreamPosition()) };
    case B.NO_STREAM: return { kind: 'no_stream' };
    case B.STREAM_EXISTS: return { kind: 'stream_exists' };
    default: return { kind: 'any' };
  }
};

/** The Append handler (client streaming: options, then the proposed messages). */
export const appendHandler = (ctx: ServerContext) =>
  (call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>): void => {
    let options: InstanceType<typeof streamsPb.AppendReq.Options> | undefined;
    const events: Proposed[] = [];
    let invalid = false;
    call.on('data', (req: AppendReq) => {
      if (req.hasOptions()) options = req.getOptions();
      else if (req.hasProposedMessage()) {
        const p = proposed(req.getProposedMessage() as Message);
        if (p === undefined) invalid = true;
        else events.push(p);
      }
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      void (async () => {
        const gated = await gate(ctx, 'append', (e) => callback(e));
        if (gated === 'failed') return;
        if (options === undefined) return callback(statusErrors.invalidArgument('missing options'));
        if (invalid) return callback(missingMetadata());
        const stream = streamNameOf(options.getStreamIdentifier());
        const expected = appendExpected(options);
        const outcome = ctx.log.append(stream, expected, events);
        if (gated === 'after') return callback(statusErrors.unavailable('injected failure after the work'));
        if (!outcome.ok && outcome.error === 'stream_deleted') return callback(statusErrors.streamDeleted(stream));
        if (!outcome.ok && outcome.error === 'too_large') return callback(statusErrors.maxAppendSize(outcome.max));
        callback(null, appendResponse(outcome, expected));
      })();
    });
  };

const appendResponse = (outcome: AppendOutcome, expected: Expected): AppendResp => {
  const resp = new streamsPb.AppendResp();
  if (outcome.ok) {
    const s = new streamsPb.AppendResp.Success();
    if (outcome.lastRevision >= 0n) s.setCurrentRevision(outcome.lastRevision.toString());
    else s.setNoStream(new sharedPb.Empty());
    if (outcome.position === undefined) s.setNoPosition(new sharedPb.Empty());
    else {
      const p = new streamsPb.AppendResp.Position();
      p.setCommitPosition(outcome.position.toString());
      p.setPreparePosition(outcome.position.toString());
      s.setPosition(p);
    }
    resp.setSuccess(s);
    return resp;
  }
  const w = new streamsPb.AppendResp.WrongExpectedVersion();
  const current = outcome.error === 'wrong_expected_version' ? outcome.current : undefined;
  if (current === undefined) {
    w.setCurrentNoStream(new sharedPb.Empty());
    w.setNoStream2060(new sharedPb.Empty());
  } else {
    w.setCurrentRevision(current.toString());
    w.setCurrentRevision2060(Number(current));
  }
  if (expected.kind === 'revision') {
    w.setExpectedRevision(expected.revision.toString());
    w.setExpectedRevision2060(Number(expected.revision));
  } else if (expected.kind === 'no_stream') w.setExpectedNoStream(new sharedPb.Empty());
  else if (expected.kind === 'stream_exists') {
    w.setExpectedStreamExists(new sharedPb.Empty());
    w.setStreamExists2060(new sharedPb.Empty());
  } else {
    w.setExpectedAny(new sharedPb.Empty());
    w.setAny2060(new sharedPb.Empty());
  }
  resp.setWrongExpectedVersion(w);
  return resp;
};

interface Pending { options: InstanceType<typeof streamsPb.BatchAppendReq.Options> | undefined; events: Proposed[]; invalid: boolean }

/** The BatchAppend handler (bidirectional: requests keyed by correlation id, one reply per final chunk). */
export const batchAppendHandler = (ctx: ServerContext) => (call: grpc.ServerDuplexStream<BatchReq, BatchResp>): void => {
  const pending = new Map<string, Pending>();
  call.on('data', (req: BatchReq) => {
    const key = uuidText(req.getCorrelationId());
    const p = pending.get(key) ?? { options: undefined, events: [], invalid: false };
    pending.set(key, p);
    if (req.hasOptions()) p.options = req.getOptions();
    for (const m of req.getProposedMessagesList()) {
      const e = proposed(m);
      if (e === undefined) p.invalid = true;
      else p.events.push(e);
    }
    if (!req.getIsFinal()) return;
    pending.delete(key);
    void (async () => {
      const gated = await gate(ctx, 'batchAppend', (e) => endWithError(call as never, e));
      if (gated === 'failed') return;
      if (p.options === undefined || p.invalid) return endWithError(call as never, p.invalid ? missingMetadata() : statusErrors.invalidArgument('missing options'));
      const stream = streamNameOf(p.options.getStreamIdentifier());
      const expected = batchExpected(p.options);
      const outcome = ctx.log.append(stream, expected, p.events);
      if (gated === 'after') return endWithError(call as never, statusErrors.unavailable('injected failure after the work'));
      if (!call.writableEnded && !call.destroyed) call.write(batchResponse(req.getCorrelationId(), stream, expected, outcome));
    })();
  });
  call.on('error', () => undefined);
  call.on('end', () => {
    if (!call.writableEnded) call.end();
  });
};

const batchResponse = (correlation: InstanceType<typeof sharedPb.UUID> | undefined, stream: string, expected: Expected, outcome: AppendOutcome): BatchResp => {
  const resp = new streamsPb.BatchAppendResp();
  resp.setCorrelationId(correlation);
  resp.setStreamIdentifier(streamIdentifier(stream));
  if (expected.kind === 'revision') resp.setStreamPosition(expected.revision.toString());
  else if (expected.kind === 'no_stream') resp.setNoStream(new emptyPb.Empty());
  else if (expected.kind === 'stream_exists') resp.setStreamExists(new emptyPb.Empty());
  else resp.setAny(new emptyPb.Empty());
  if (outcome.ok) {
    const s = new streamsPb.BatchAppendResp.Success();
    if (outcome.lastRevision >= 0n) s.setCurrentRevision(outcome.lastRevision.toString());
    else s.setNoStream(new emptyPb.Empty());
    if (outcome.position === undefined) s.setNoPosition(new emptyPb.Empty());
    else {
      const p = new sharedPb.AllStreamPosition();
      p.setCommitPosition(outcome.position.toString());
      p.setPreparePosition(outcome.position.toString());
      s.setPosition(p);
    }
    resp.setSuccess(s);
  } else if (outcome.error === 'wrong_expected_version') {
    const w = new sharedPb.WrongExpectedVersion();
    if (outcome.current === undefined) w.setCurrentNoStream(new emptyPb.Empty());
    else w.setCurrentStreamRevision(outcome.current.toString());
    if (expected.kind === 'revision') w.setExpectedStreamPosition(expected.revision.toString());
    else if (expected.kind === 'no_stream') w.setExpectedNoStream(new emptyPb.Empty());
    else if (expected.kind === 'stream_exists') w.setExpectedStreamExists(new emptyPb.Empty());
    else w.setExpectedAny(new emptyPb.Empty());
    resp.setError(rpcStatus(grpc.status.FAILED_PRECONDITION, 'WrongExpectedVersion', w, 'event_store.client.WrongExpectedVersion'));
  } else if (outcome.error === 'stream_deleted') {
    const d = new sharedPb.StreamDeleted();
    d.setStreamIdentifier(streamIdentifier(stream));
    resp.setError(rpcStatus(grpc.status.FAILED_PRECONDITION, 'StreamDeleted', d, 'event_store.client.StreamDeleted'));
  } else {
    const m = new sharedPb.MaximumAppendSizeExceeded();
    m.setMaxappendsize(outcome.max);
    resp.setError(rpcStatus(grpc.status.INVALID_ARGUMENT, 'MaximumAppendSizeExceeded', m, 'event_store.client.MaximumAppendSizeExceeded'));
  }
  return resp;
};
