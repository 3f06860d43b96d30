/**
 * Verifying a witnessed checkpoint: the log's signature and at least k cosignatures (C2SP
 * tlog-cosignature/v1) by n known witnesses. Cosignatures by unknown keys count for nothing.
 */
import { openCheckpoint, type LogCheckpoint } from './checkpoint';
import { keyIdHex, openNote, parseNote, type NoteResult, type VerifierKey, COSIGNATURE_V1_TYPE, ED25519_TYPE } from './note';

/** Who vouches for a checkpoint. */
export interface WitnessPolicy {
  /** The log's verifier keys (type 0x01); one valid signature by any of them is needed. */
  readonly logKeys: readonly VerifierKey[];
  /** The known witnesses' verifier keys (type 0x04). */
  readonly witnessKeys?: readonly VerifierKey[];
  /** How many distinct known witnesses must have cosigned (default: all of `witnessKeys`). */
  readonly minWitnesses?: number;
}

/** A checkpoint that passed {@link verifyWitnessedCheckpoint}. */
export interface WitnessedCheckpoint {
  readonly checkpoint: LogCheckpoint;
  /** The log keys whose signatures verified (name+key id). */
  readonly signedBy: readonly string[];
  /** The witnesses whose cosignatures verified, with the time each cosigned (POSIX seconds). */
  readonly cosignedBy: readonly { readonly name: string; readonly timestamp: number }[];
  /** Signature lines by keys not in the policy (ignored). */
  readonly ignored: readonly string[];
}

const fail = (reason: string): { readonly ok: false; readonly reason: string } => ({ ok: false, reason });
const label = (k: { name: string; keyId: number }) => `${k.name}+${keyIdHex(k.keyId)}`;

/** Checks a checkpoint note against a policy; the failure names what is missing or wrong. */
export const verifyWitnessedCheckpoint = (note: string, policy: WitnessPolicy): NoteResult<WitnessedCheckpoint> => {
  const logKeys = policy.logKeys.filter((k) => k.type === ED25519_TYPE);
  const witnessKeys = (policy.witnessKeys ?? []).filter((k) => k.type === COSIGNATURE_V1_TYPE);
  if (logKeys.length === 0) return fail('no log key (type 0x01) to check the checkpoint with');
  if (witnessKeys.length !== (policy.witnessKeys ?? []).length) return fail('a witness key is not a cosigner key (type 0x04)');
  const min = policy.minWitnesses ?? witnessKeys.length;
  if (!Number.isSafeInteger(min) || min < 0) return fail(`minimum witnesses: expected an integer >= 0, got ${String(min)}`);
  if (min > witnessKeys.length) return fail(`${min} witnesses are required but only ${witnessKeys.length} witness keys are known`);
  const opened = openCheckpoint(note, logKeys);
  if (!opened.ok) return opened;
  const parsed = parseNote(note);
  if (!parsed.ok) return parsed;
  const cosignedBy: { name: string; timestamp: number }[] = [];
  if (witnessKeys.length > 0) {
    const known = parsed.value.signatures.filter((s) => witnessKeys.some((k) => k.name === s.name && k.keyId === s.keyId));
    if (known.length > 0) {
      const w = openNote(note, witnessKeys);
      if (!w.ok) return fail(`cosignature: ${w.reason}`);
      for (const v of w.value.verified) {
        if (!cosignedBy.some((c) => c.name === v.key.name)) cosignedBy.push({ name: v.key.name, timestamp: v.timestamp ?? 0 });
      }
    }
  }
  const used = new Set([...opened.value.verified.map((v) => v.line)]);
  const ignored = parsed.value.signatures
    .filter((s) => !used.has(s.line) && !witnessKeys.some((k) => k.name === s.name && k.keyId === s.keyId))
    .map((s) => label(s));
  if (cosignedBy.length < min) {
    const unknown = ignored.length > 0 ? `; signatures by unknown keys count for nothing: ${ignored.join(', ')}` : '';
    return fail(`${cosignedBy.length} of the ${min} required witness cosignatures (${cosignedBy.map((c) => c.name).join(', ') || 'none'})${unknown}`);
  }
  return { ok: true, value: { checkpoint: opened.value.checkpoint, signedBy: opened.value.verified.map((v) => label(v.key)), cosignedBy, ignored } };
};
