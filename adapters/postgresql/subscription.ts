/**
 * Waking live subscriptions with LISTEN/NOTIFY. Every commit that stores events sends an empty
 * notification on the store's channel; it only wakes readers, which then read the table (a
 * notification carries no data, so a lost one delays an event by one poll interval at most and
 * never loses it). One dedicated connection listens, opened with the first subscription and
 * reopened after it drops.
 */
import type { Client, ClientConfig, Pool } from 'pg';
import type { PgModule } from './errors';

/** The listening connection of one store. */
export interface Listener {
  /** Starts listening (once); wakes `onNotify` on every notification and after a reconnect. */
  ensure(): void;
  close(): Promise<void>;
}

/** The notification channel of a schema. */
export const channelOf = (schema: string): string => `campaign_ledger_${schema}`;

/**
 * A listener on `channel`. With a pool given by the caller, a connection of that pool is used (and
 * released on close); otherwise a client is made from `config`.
 */
export const createListener = (
  pg: PgModule,
  config: ClientConfig | undefined,
  pool: Pool,
  channel: string,
  onNotify: () => void,
): Listener => {
  let started = false;
  let closed = false;
  let current: { client: Client; release: () => void } | undefined;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    if (closed) return;
    try {
      let client: Client;
      let release: () => void;
      if (config !== undefined) {
        client = new pg.Client(config);
        await client.connect();
        release = () => void client.end().catch(() => undefined);
      } else {
        const pc = await pool.connect();
        client = pc as unknown as Client;
        release = () => pc.release(true);
      }
      client.on('notification', () => onNotify());
      const lost = () => {
        if (current?.client === client) reconnect();
      };
      client.on('error', lost);
      client.on('end', lost);
      await client.query(`LISTEN "${channel}"`);
      if (closed) return release();
      current = { client, release };
      onNotify(); // anything committed while not listening is read now
    } catch {
      reconnect();
    }
  };

  const reconnect = () => {
    current?.release();
    current = undefined;
    if (closed || retry !== undefined) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, 500);
    retry.unref();
  };

  return {
    ensure: () => {
      if (started || closed) return;
      started = true;
      void connect();
    },
    close: async () => {
      closed = true;
      if (retry !== undefined) clearTimeout(retry);
      current?.release();
      current = undefined;
    },
  };
};
