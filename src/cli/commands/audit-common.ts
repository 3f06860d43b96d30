/** What the audit commands share: exit codes of audit failures, reading digests. */
import type { AuditError } from '../../audit/errors';
import { canonicalDigestJson, type SignedDigest } from '../../audit/signature';
import { CliError, EXIT, fromLedgerError, usageError } from '../errors';
import { pathOf, readJsonOption } from '../files';

/**
 * An audit failure as a {@link CliError}: a rejected trail or a digest the store no longer matches
 * is a failed verification (1); an unknown event, an unreadable file or a non-empty target is bad
 * input (2); store failures keep their own codes.
 */
export const fromAuditError = (e: AuditError, command: string): CliError => {
  switch (e._tag) {
    case 'TrailRejected':
    case 'DigestNotMatched':
      return new CliError(EXIT.verificationFailed, e.message);
    case 'TrailUnreadable':
    case 'TargetNotEmpty':
    case 'EventNotFound':
      return usageError(e.message, command);
    default:
      return fromLedgerError(e, command);
  }
};

/** Reads a digest file named by `option` and checks its shape (a bad file is a usage error). */
export const readDigest = (path: string, cwd: string, option: string, command: string): SignedDigest => {
  const value = readJsonOption(pathOf(path, cwd), option, command);
  const shape = canonicalDigestJson(value as SignedDigest);
  if (!shape.ok) throw usageError(`--${option} ${path} is not a digest: ${shape.reason}`, command);
  return value as SignedDigest;
};
