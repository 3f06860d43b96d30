/** The HTTP face of a witness: `POST /add-checkpoint` (C2SP tlog-witness) with node:http. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Witness } from './witness';

/** A running witness server. */
export interface WitnessServer {
  /** `http://127.0.0.1:PORT` (the host it listens on). */
  readonly url: string;
  readonly server: Server;
  /** Stops listening and closes every open connection. */
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024;

const readBody = (req: IncomingMessage): Promise<Buffer | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) { resolve(undefined); req.destroy(); return; }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/**
 * Serves a witness on `host:port` (port 0 picks a free one). `log` receives one line per answered
 * request (status and reason), e.g. for the operator's journal.
 */
export const serveWitness = (witness: Witness, options: { port?: number; host?: string; log?: (line: string) => void } = {}): Promise<WitnessServer> => {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    const answer = (status: number, contentType: string, body: string) => {
      res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    if (req.url !== '/add-checkpoint') return answer(404, 'text/plain; charset=utf-8', 'not found\n');
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return answer(405, 'text/plain; charset=utf-8', 'use POST\n');
    }
    readBody(req).then((body) => {
      if (body === undefined) return answer(413, 'text/plain; charset=utf-8', `request body over ${MAX_BODY} bytes\n`);
      let r;
      try {
        r = witness.addCheckpoint(body);
      } catch (x) {
        options.log?.(`500 ${x instanceof Error ? x.message : String(x)}`);
        return answer(500, 'text/plain; charset=utf-8', 'the witness could not record the checkpoint\n');
      }
      options.log?.(`${r.status} ${r.status === 200 ? 'cosigned' : r.body.trim()}`);
      return answer(r.status, r.contentType, r.body);
    }, () => answer(400, 'text/plain; charset=utf-8', 'unreadable request\n'));
    return undefined;
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
        server,
        close: () => new Promise((done) => { server.close(() => done()); server.closeAllConnections(); }),
      });
    });
  });
};
