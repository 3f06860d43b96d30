import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * examples/consumer is a package of its own: its imports of `campaign-ledger` resolve as the
 * repository's own files do (to the built package, through the `exports` map), as they would
 * from its node_modules once the tarball is installed.
 */
const repositoryFile = fileURLToPath(new URL('./vitest.config.ts', import.meta.url));
const exampleResolvesThePackage = {
  name: 'example-consumer-resolves-the-package',
  enforce: 'pre' as const,
  async resolveId(this: { resolve: (source: string, importer: string, options: { skipSelf: boolean }) => Promise<unknown> }, source: string, importer: string | undefined) {
    if (importer === undefined || !/[/\\]examples[/\\]consumer[/\\]/.test(importer)) return null;
    if (source !== 'campaign-ledger' && !source.startsWith('campaign-ledger/')) return null;
    return this.resolve(source, repositoryFile, { skipSelf: true });
  },
};

export default defineConfig({
  plugins: [exampleResolvesThePackage],
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**', 'dist/**'],
    setupFiles: ['test/support/fast-check.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
