/** Waiting on a condition instead of sleeping for a guessed time. */

/** Resolves once `check()` is true (checked every 5 ms); fails after `ms` naming `what`. */
export const eventually = async (check: () => boolean, ms = 10_000, what = 'condition'): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};
