/** `witness serve`: runs a witness (C2SP tlog-witness) for the configured logs. */
import { createWitness, directoryWitnessState } from '../../audit/witness';
import { serveWitness } from '../../audit/witness-http';
import { privateKeyFromPem, type VerifierKey } from '../../audit/note';
import { list, required, str, write, type Command } from '../command';
import { unavailableError, usageError } from '../errors';
import { pathOf, readTextOption } from '../files';
import { readVerifierKey } from './c2sp-common';

const NAME = 'witness serve';

/** The `witness serve` command. */
export const witnessServeCommand: Command = {
  name: NAME,
  summary: 'run a witness: cosign checkpoints only when consistent with the last one cosigned (C2SP tlog-witness)',
  usage: 'witness serve --port P --state DIR --key KEY.pem --note-name NAME --log ORIGIN=LOG.vkey … [--host H]',
  details: [
    'Prints http://HOST:PORT on its first line (--port 0 picks a free port), then one line per request.',
    'POST /add-checkpoint answers 200 with the cosignature, 400 malformed, 403 no valid log signature,',
    '404 unknown origin, 409 with the size it has (old size mismatch or a fork), 422 a proof that fails.',
    'Its state (latest size and root per log) is written durably to --state before it answers. Stop with Ctrl-C.',
  ].join('\n'),
  options: {
    port: { type: 'string', value: 'P', description: 'the port (0: a free one)' },
    host: { type: 'string', value: 'H', description: 'the address to listen on (default 127.0.0.1)' },
    state: { type: 'string', value: 'DIR', description: 'where the witness keeps what it cosigned (one file per log)' },
    key: { type: 'string', value: 'KEY.pem', description: "the witness's Ed25519 private key (see audit keygen --cosigner)" },
    'note-name': { type: 'string', value: 'NAME', description: "the witness's key name, e.g. higher-court.example/witness" },
    log: { type: 'string', multiple: true, value: 'ORIGIN=LOG.vkey', description: "a log to witness: its origin and its verifier key file" },
  },
  async run(values, io) {
    const portText = required(values, 'port', NAME);
    if (!/^[0-9]{1,5}$/.test(portText) || Number(portText) > 65535) throw usageError(`--port must be 0-65535, got ${JSON.stringify(portText)}`, NAME);
    const state = pathOf(required(values, 'state', NAME), io.cwd);
    const keyPath = required(values, 'key', NAME);
    const privateKey = privateKeyFromPem(readTextOption(pathOf(keyPath, io.cwd), 'key', NAME));
    if (!privateKey.ok) throw usageError(`--key ${keyPath}: ${privateKey.reason}`, NAME);
    const name = required(values, 'note-name', NAME);
    const logs = new Map<string, VerifierKey[]>();
    const given = list(values, 'log');
    if (given.length === 0) throw usageError('give at least one --log ORIGIN=LOG.vkey', NAME);
    for (const l of given) {
      const eq = l.lastIndexOf('=');
      if (eq <= 0) throw usageError(`--log ${JSON.stringify(l)}: expected ORIGIN=LOG.vkey`, NAME);
      const key = readVerifierKey(l.slice(eq + 1), io, 'log', NAME);
      if (key.type !== 0x01) throw usageError(`--log ${l}: a log key has type 0x01`, NAME);
      logs.set(l.slice(0, eq), [...(logs.get(l.slice(0, eq)) ?? []), key]);
    }
    let witness;
    try {
      witness = createWitness({ name, privateKey: privateKey.value, logs, state: directoryWitnessState(state) });
    } catch (x) {
      throw usageError(x instanceof Error ? x.message : String(x), NAME);
    }
    let server;
    try {
      server = await serveWitness(witness, { port: Number(portText), host: str(values, 'host') ?? '127.0.0.1', log: (line) => { io.stdout.write(`${line}\n`); } });
    } catch (x) {
      throw unavailableError(`cannot listen: ${x instanceof Error ? x.message : String(x)}`);
    }
    await write(io.stdout, `${server.url}\nwitness ${name} (${witness.verifierKey}) for ${[...logs.keys()].join(', ')}\n`);
    await new Promise<void>((resolve) => {
      const stop = () => { process.off('SIGINT', stop); process.off('SIGTERM', stop); resolve(); };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await server.close();
    return 0;
  },
};
