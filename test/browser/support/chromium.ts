/**
 * Headless Chromium from Debian's `chromium` package, driven by playwright-core. Never a
 * downloaded browser: the executable is `/usr/bin/chromium` (or CHROMIUM_PATH), started with a
 * fresh profile directory, no network side traffic, and no sandbox (CI containers run as root).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Where the browser is; a missing browser fails the tests with how to install it. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags the browser is started with. */
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic',
];

/** A browser context with its own profile, and how to close it (and remove the profile). */
export const launchChromium = async (): Promise<{ context: BrowserContext; close(): Promise<void> }> => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no browser at ${CHROMIUM}: install Debian's packages with \`apt-get install -y chromium fonts-noto-cjk\` (or set CHROMIUM_PATH)`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  // playwright passes the profile directory itself (as --user-data-dir), a fresh one per run
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1200, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
};
