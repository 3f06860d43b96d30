/** The progress bar is drawn on a terminal only, and erased at the end. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../adapters/memory/index';
import { countReads, createProgress } from '../../src/cli/progress';

const sink = (isTTY: boolean) => {
  const chunks: string[] = [];
  const stream = Object.assign(new Writable({ write(c, _e, done) { chunks.push(String(c)); done(); } }), { isTTY, columns: 80 });
  return { stream, chunks };
};

describe('progress', () => {
  it('writes nothing when stderr is not a terminal', () => {
    const { stream, chunks } = sink(false);
    const p = createProgress(stream, 'working', 10);
    for (let i = 1; i <= 10; i++) p.update(i);
    p.finish();
    expect(chunks).toEqual([]);
  });

  it('draws a bar on a terminal, at most ten times a second plus the last step, and erases it', () => {
    const { stream, chunks } = sink(true);
    const p = createProgress(stream, 'working', 1000);
    for (let i = 1; i <= 1000; i++) p.update(i);
    p.finish();
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    expect(chunks.length).toBeLessThan(50);
    expect(chunks.some((c) => c.includes('1000/1000') && c.includes('#'))).toBe(true);
    expect(chunks[chunks.length - 1]).toBe('\r\x1b[2K');
  });

  it('counts the events a command reads through the store', async () => {
    const store = createMemoryStore();
    const { stream, chunks } = sink(true);
    const counted = countReads(store, createProgress(stream, 'reading'));
    for await (const _ of counted.readAll()) void _;
    expect(chunks).toEqual([]); // nothing read, nothing drawn
    expect(countReads(store, createProgress(sink(false).stream, 'x'))).toBe(store); // no terminal: the store itself
  });
});
