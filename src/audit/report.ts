/**
 * The verification report and the checker behind it: the chain check of {@link ChainChecker} plus,
 * when an older digest kept outside the system is given, the check that the trail still holds
 * exactly the events that digest covered (same hashes, same order), with its signature checked.
 */
import * as E from 'fp-ts/Either';
import { errors, type ValidationFailed } from '../eventsourcing/errors';
import { ChainChecker, type ChainRecord, type Finding } from './chain';
import { leafOfEventHash } from './digest';
import { bytesToHex, MerkleAccumulator } from './merkle';
import { canonicalDigestJson, keyIdOf, verifyDigestSignature, type Digest, type SignedDigest } from './signature';

/** What a verification can vouch for. */
export type Assurance = 'self-consistency' | 'external-digest';

/** Options shared by store and file verification. */
export interface TrailCheckOptions {
  /** How many findings to keep in the report (all are counted). Default 100. */
  readonly maxFindings?: number;
  /** An older digest, kept outside the system, that the trail must still contain. */
  readonly against?: SignedDigest;
  /** Ed25519 public key (SPKI PEM): `against` must carry a valid signature by it. */
  readonly publicKeyPem?: string;
  /** Also return the digest of the whole trail as verified (made at this time; default now). */
  readonly digestAt?: string | Date;
  /**
   * A tree head whose signatures were checked elsewhere (a witnessed checkpoint, see
   * ../audit/witnessed), that the trail must still contain; instead of `against`.
   */
  readonly treeHead?: ExternalTreeHead;
}

/** A tree head kept outside the system, already authenticated, described in the report's words. */
export interface ExternalTreeHead {
  readonly treeSize: number;
  /** 64 lowercase hex characters. */
  readonly rootHash: string;
  /** What it is and who vouched for it, e.g. `the checkpoint of origin X signed by … and cosigned by …`. */
  readonly description: string;
}

/** How the trail compared with the external digest. */
export interface DigestComparison {
  readonly digest: SignedDigest;
  /** The trail has at least `treeSize` events. */
  readonly covered: boolean;
  /** The root over the trail's first `treeSize` event hashes equals the digest's root. */
  readonly rootMatches: boolean;
  /** Position of the trail's event number `treeSize` (informative: an imported trail renumbers). */
  readonly positionAtTreeSize: bigint | undefined;
  /** `valid` (checked with the given key), `invalid`, or `not-checked` (no key given). */
  readonly signature: 'valid' | 'invalid' | 'not-checked';
  readonly keyId: string | undefined;
  /** Present when the trail was checked against an authenticated tree head instead of a digest. */
  readonly treeHead?: ExternalTreeHead;
}

/** The outcome of a verification. */
export interface VerifyReport {
  /** No finding at all. */
  readonly ok: boolean;
  readonly assurance: Assurance;
  /** In plain words: what was checked and what this result does and does not prove. */
  readonly statement: string;
  readonly events: number;
  readonly streams: number;
  readonly lastPosition: bigint | undefined;
  /** The first failure located at an event (stream, revision, position), else the first failure. */
  readonly firstFailure: Finding | undefined;
  /** Findings in the order found, at most `maxFindings`. */
  readonly findings: readonly Finding[];
  readonly findingCount: number;
  /** Some findings were counted but not kept. */
  readonly truncated: boolean;
  /** Present when checked against an external digest. */
  readonly comparison?: DigestComparison;
  /** The digest of the whole trail as read, when `digestAt` was given. */
  readonly digest?: Digest;
}

/** Chain check plus digest comparison, fed one record at a time. */
export class TrailChecker {
  readonly #chain: ChainChecker;
  readonly #against: SignedDigest | undefined;
  readonly #acc: MerkleAccumulator | undefined;
  readonly #digestAt: string | undefined;
  readonly #treeHead: ExternalTreeHead | undefined;
  #signature: DigestComparison['signature'] = 'not-checked';
  #positionAtTreeSize: bigint | undefined;

  private constructor(options: TrailCheckOptions, digestAt: string | undefined) {
    this.#chain = new ChainChecker(options.maxFindings ?? 100);
    this.#treeHead = options.treeHead;
    this.#against = options.against ?? (options.treeHead
      ? { treeSize: options.treeHead.treeSize, rootHash: options.treeHead.rootHash, lastPosition: '', createdAt: '' } : undefined);
    this.#digestAt = digestAt;
    if (this.#against !== undefined || digestAt !== undefined) {
      this.#acc = new MerkleAccumulator({ recordRootsAt: this.#against ? [this.#against.treeSize] : [] });
    }
    if (this.#against !== undefined && options.publicKeyPem !== undefined) {
      const checked = verifyDigestSignature(this.#against, options.publicKeyPem);
      this.#signature = checked.ok ? 'valid' : 'invalid';
      if (!checked.ok) this.#chain.report({ kind: 'signature_invalid', message: `the external digest's signature: ${checked.reason}` });
    }
  }

  /** Validates the options (digest shape, key, time) and makes a checker. */
  static create(options: TrailCheckOptions): E.Either<ValidationFailed, TrailChecker> {
    const bad = (path: string, message: string) => E.left(errors.validation([{ path, message }]));
    if (options.treeHead !== undefined) {
      if (options.against !== undefined) return bad('treeHead', 'give either a digest (against) or a tree head, not both');
      const { treeSize, rootHash } = options.treeHead;
      if (!Number.isSafeInteger(treeSize) || treeSize < 0) return bad('treeHead.treeSize', `expected an integer >= 0, got ${String(treeSize)}`);
      if (typeof rootHash !== 'string' || !/^[0-9a-f]{64}$/.test(rootHash)) return bad('treeHead.rootHash', 'expected 64 lowercase hex characters');
    }
    if (options.against !== undefined) {
      const shape = canonicalDigestJson(options.against);
      if (!shape.ok) return bad('against', shape.reason);
    }
    if (options.publicKeyPem !== undefined) {
      if (options.against === undefined) return bad('publicKeyPem', 'a public key was given but no digest to check it against');
      const key = keyIdOf(options.publicKeyPem);
      if (!key.ok) return bad('publicKeyPem', key.reason);
    }
    let digestAt: string | undefined;
    if (options.digestAt !== undefined) {
      const d = options.digestAt instanceof Date ? options.digestAt : new Date(options.digestAt);
      if (Number.isNaN(d.getTime())) return bad('digestAt', `expected an ISO date-time or a valid Date, got ${JSON.stringify(String(options.digestAt))}`);
      digestAt = d.toISOString();
    }
    const max = options.maxFindings;
    if (max !== undefined && !(Number.isSafeInteger(max) && max >= 1)) return bad('maxFindings', `expected an integer >= 1, got ${String(max)}`);
    return E.right(new TrailChecker(options, digestAt));
  }

  /** Records a finding the source made (an unreadable line, a count mismatch). */
  report(f: Finding): void {
    this.#chain.report(f);
  }

  /** Checks one record. */
  check(r: ChainRecord): void {
    this.#chain.check(r);
    if (this.#acc === undefined) return;
    this.#acc.push(leafOfEventHash(r.hash));
    if (this.#against !== undefined && this.#acc.size === this.#against.treeSize) this.#positionAtTreeSize = r.position;
  }

  /** Ends the check and writes the report. */
  finish(): VerifyReport {
    const comparison = this.#compare();
    const s = this.#chain.summary();
    const current: Digest | undefined = this.#digestAt === undefined || this.#acc === undefined ? undefined : {
      treeSize: this.#acc.size, rootHash: bytesToHex(this.#acc.root()), lastPosition: (s.lastPosition ?? 0n).toString(), createdAt: this.#digestAt,
    };
    const ok = s.findingCount === 0;
    return {
      ok, assurance: comparison ? 'external-digest' : 'self-consistency', statement: statement(ok, s.events, s.findingCount, comparison),
      events: s.events, streams: s.streams, lastPosition: s.lastPosition,
      firstFailure: s.findings.find((f) => f.streamId !== undefined) ?? s.findings[0], findings: s.findings,
      findingCount: s.findingCount, truncated: s.findingCount > s.findings.length,
      ...(comparison ? { comparison } : {}), ...(current ? { digest: current } : {}),
    };
  }

  #compare(): DigestComparison | undefined {
    const d = this.#against;
    const acc = this.#acc;
    if (d === undefined || acc === undefined) return undefined;
    const covered = acc.size >= d.treeSize;
    const root = acc.rootAt(d.treeSize);
    const rootMatches = covered && root.ok && bytesToHex(root.value) === d.rootHash;
    const made = this.#treeHead ? `${this.#treeHead.description} covers ${d.treeSize} events`
      : `the digest made at ${d.createdAt} covers ${d.treeSize} events up to position ${d.lastPosition}`;
    if (!covered) {
      this.#chain.report({ kind: 'missing_events', message: `${made}, but the trail has only ${acc.size}: at least ${d.treeSize - acc.size} events were removed (a dropped tail or stream)` });
    } else if (!rootMatches) {
      const shifted = this.#positionAtTreeSize !== undefined && this.#positionAtTreeSize.toString() !== d.lastPosition
        && this.#treeHead === undefined ? ` (the trail's event number ${d.treeSize} is at position ${this.#positionAtTreeSize})` : '';
      this.#chain.report({
        kind: 'digest_mismatch', position: this.#positionAtTreeSize,
        message: `${made}, but the trail's first ${d.treeSize} event hashes do not give its root${shifted}: events it covered were altered, removed, reordered or inserted`,
      });
    }
    return {
      digest: d, covered, rootMatches, positionAtTreeSize: this.#positionAtTreeSize, signature: this.#signature, keyId: d.signature?.keyId,
      ...(this.#treeHead ? { treeHead: this.#treeHead } : {}),
    };
  }
}

const statement = (ok: boolean, events: number, findings: number, c: DigestComparison | undefined): string => {
  const result = ok ? `All ${events} events passed.` : `${findings} finding${findings === 1 ? '' : 's'} in ${events} events.`;
  if (c === undefined) {
    return `${result} Assurance: self-consistency only — hash chains, revisions and global order agree with themselves. `
      + 'Whoever can write to the store could have rewritten and rehashed everything, or removed whole streams or the latest events, '
      + 'without this check noticing; check against a digest kept outside the system to rule that out.';
  }
  const held = c.rootMatches
    ? `the trail still holds exactly those ${c.digest.treeSize} events in the same order`
    : 'the trail does NOT hold the events it covered';
  if (c.treeHead) {
    return `${result} Assurance: consistency with ${c.treeHead.description}, of ${c.digest.treeSize} events; ${held}. `
      + 'Events after it are vouched for by their hash chains only.';
  }
  const sig = c.signature === 'valid' ? `its Ed25519 signature is valid (key id ${c.keyId})`
    : c.signature === 'invalid' ? 'its signature is NOT valid for the given key'
      : c.digest.signature ? 'its signature was not checked (no public key given)' : 'it is not signed';
  return `${result} Assurance: consistency with an external digest of ${c.digest.treeSize} events made at ${c.digest.createdAt}; ${sig}; ${held}. `
    + 'Events after the digest are vouched for by their hash chains only.';
};
