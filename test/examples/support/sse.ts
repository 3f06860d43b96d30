/** A minimal Server-Sent Events reader over fetch, for the live-feed tests. */

/** One SSE message. */
export interface SseMessage { readonly id?: string; readonly event?: string; readonly data: string }

/** An open feed: `next(n)` waits for `n` more messages (failing after `timeoutMs`). */
export interface SseFeed {
  readonly response: Response;
  next(n: number, timeoutMs?: number): Promise<SseMessage[]>;
  close(): Promise<void>;
}

const parse = (block: string): SseMessage | undefined => {
  const m: { id?: string; event?: string; data: string[] } = { data: [] };
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const i = line.indexOf(':');
    const field = i < 0 ? line : line.slice(0, i);
    const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
    if (field === 'id') m.id = value;
    else if (field === 'event') m.event = value;
    else if (field === 'data') m.data.push(value);
  }
  return m.data.length === 0 ? undefined : { ...(m.id === undefined ? {} : { id: m.id }), ...(m.event === undefined ? {} : { event: m.event }), data: m.data.join('\n') };
};

/** Opens `url` as an event stream. */
export const openFeed = async (url: string, headers: Record<string, string> = {}): Promise<SseFeed> => {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const queue: SseMessage[] = [];
  const pump = async (): Promise<void> => {
    const chunk = await reader?.read();
    if (chunk === undefined || chunk.done) throw new Error('the feed ended');
    buffer += decoder.decode(chunk.value, { stream: true });
    let i: number;
    while ((i = buffer.indexOf('\n\n')) >= 0) {
      const m = parse(buffer.slice(0, i));
      buffer = buffer.slice(i + 2);
      if (m !== undefined) queue.push(m);
    }
  };
  return {
    response,
    next: async (n, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      while (queue.length < n) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out waiting for ${n} messages, got ${queue.length}`);
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([pump(), new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out waiting for ${n} messages, got ${queue.length}`)), left); })])
          .finally(() => clearTimeout(timer));
      }
      return queue.splice(0, n);
    },
    close: async () => {
      controller.abort();
      await reader?.cancel().catch(() => undefined);
    },
  };
};
