/**
 * Stream naming. Every stream of a campaign lives under the campaign's namespace, so reading all
 * events with the prefix `${namespace}/` returns exactly that campaign:
 *
 * - `${ns}/organization` — the Organization (one per namespace)
 * - `${ns}/campaign` — the Campaign (one per namespace; its id is the namespace)
 * - `${ns}/task/${taskId}`, `${ns}/problem/${problemId}`, `${ns}/inspection/${inspectionId}`,
 *   `${ns}/accountability/${caseId}`, `${ns}/supervision/${itemId}`, `${ns}/regulation/${regulationId}` — one stream per entity
 * - `${ns}/report/${periodId}@${courtId}` — one stream per court and report period
 * - `${ns}/ledger-numbers/${courtId}@${year}` — one counter stream per court and year: its ledger's numbers
 * - `${ns}/supervision-numbers/${office}@${year}` — one reservation stream per issuing office and year
 * - `${ns}/follow-up/${kind}:${id}` — the warnings and escalation steps about one problem or task
 */
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { errors, type ValidationFailed } from '../eventsourcing/errors';
import { ledgerNumberStream } from './numbering';

const NS_RE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
/** A campaign namespace: 1–64 letters, digits or `_ . : -` (never `/`). */
export const Namespace = new t.Type<string, string, unknown>(
  'Namespace',
  (u): u is string => typeof u === 'string' && NS_RE.test(u),
  (u, c) => (typeof u === 'string' && NS_RE.test(u)
    ? t.success(u)
    : t.failure(u, c, 'expected a namespace of 1-64 letters, digits or "_.:-" starting with a letter or digit')),
  t.identity,
);

/** The aggregates that have one stream per entity. */
export type EntityAggregate = 'task' | 'problem' | 'inspection' | 'accountability' | 'supervision' | 'regulation';

/** Stream names of one campaign namespace. */
export interface CampaignStreams {
  readonly namespace: string;
  /** `${namespace}/`: read-all with this prefix returns exactly this campaign. */
  readonly prefix: string;
  readonly organization: string;
  readonly campaign: string;
  /** The counter stream of a court's ledger numbers of a year. */
  readonly ledgerNumbers: (courtId: string, year: number) => string;
  /** The stream of the Task `taskId`. */
  readonly task: (taskId: string) => string;
  /** The stream of the Problem `problemId`. */
  readonly problem: (problemId: string) => string;
  /** The stream of the Inspection `inspectionId`. */
  readonly inspection: (inspectionId: string) => string;
  /** The stream of the accountability case `caseId`. */
  readonly accountability: (caseId: string) => string;
  /** The stream of the supervision item `itemId`. */
  readonly supervision: (itemId: string) => string;
  /** The stream of the regulation `regulationId`. */
  readonly regulation: (regulationId: string) => string;
  /** The follow-up stream of a problem or a task. */
  readonly followUp: (kind: 'problem' | 'task', id: string) => string;
  /** The stream of court `courtId`'s report for period `periodId`. */
  readonly report: (periodId: string, courtId: string) => string;
}

/**
 * The stream names of a namespace, or a ValidationFailed naming `namespace` when it is not a valid
 * {@link Namespace}.
 */
export const campaignStreams = (namespace: string): E.Either<ValidationFailed, CampaignStreams> =>
  (Namespace.is(namespace)
    ? E.right(streamsOf(namespace))
    : E.left(errors.validation([{
      path: 'namespace',
      message: `expected a namespace of 1-64 letters, digits or "_.:-" starting with a letter or digit, got ${typeof namespace === 'string' ? JSON.stringify(namespace) : typeof namespace}`,
    }])));

const streamsOf = (namespace: string): CampaignStreams => {
  const p = `${namespace}/`;
  return {
    namespace,
    prefix: p,
    organization: `${p}organization`,
    campaign: `${p}campaign`,
    ledgerNumbers: (courtId, year) => ledgerNumberStream(p, courtId, year),
    task: (id) => `${p}task/${id}`,
    problem: (id) => `${p}problem/${id}`,
    inspection: (id) => `${p}inspection/${id}`,
    accountability: (id) => `${p}accountability/${id}`,
    supervision: (id) => `${p}supervision/${id}`,
    regulation: (id) => `${p}regulation/${id}`,
    followUp: (kind, id) => `${p}follow-up/${kind}:${id}`,
    report: (periodId, courtId) => `${p}report/${periodId}@${courtId}`,
  };
};

/** What a stream name says: its aggregate and entity id within a namespace, or undefined. */
export const parseStreamId = (
  namespace: string,
  streamId: string,
): { readonly aggregate: string; readonly id?: string } | undefined => {
  const p = `${namespace}/`;
  if (!streamId.startsWith(p)) return undefined;
  const rest = streamId.slice(p.length);
  const i = rest.indexOf('/');
  return i < 0 ? { aggregate: rest } : { aggregate: rest.slice(0, i), id: rest.slice(i + 1) };
};
