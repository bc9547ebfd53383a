import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

export interface ConsoleBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Flags that keep Debian's Chromium headless, offline and away from the user's profile. */
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Headless Chromium with a throwaway profile. Playwright takes the profile folder as
 * `launchPersistentContext`'s first argument and passes it on as `--user-data-dir`.
 */
export async function launchConsoleBrowser(): Promise<ConsoleBrowser> {
  const profileDir = await mkdtemp(join(tmpdir(), 'cairn-e2e-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: chromiumArgs,
      viewport: { width: 1280, height: 900 },
    });
  } catch (error) {
    await rm(profileDir, { recursive: true, force: true });
    throw error;
  }

  const page = context.pages()[0] ?? (await context.newPage());
  // Pages answer in well under a second here; a missing element should fail fast and clearly.
  page.setDefaultTimeout(15_000);
  const close = async () => {
    await context.close();
    await rm(profileDir, { recursive: true, force: true });
  };
  return { context, page, close };
}

/** Screenshots go to e2e/.tmp only when asked for (CAIRN_E2E_SCREENSHOTS=1), to look at by eye. */
export async function maybeScreenshot(page: Page, name: string): Promise<void> {
  if (!process.env.CAIRN_E2E_SCREENSHOTS) return;
  await page.screenshot({
    path: join(__dirname, '..', '.tmp', `console-${name}.png`),
    fullPage: true,
  });
}

/** The page's localStorage, typed here because the e2e project compiles without the DOM lib. */
interface PageStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}
type PageGlobals = { localStorage: PageStorage };

export function readPageStorage(page: Page, key: string): Promise<string | null> {
  // The function runs in the page, so it can use nothing from this module's scope.
  return page.evaluate(
    (name) => (globalThis as unknown as PageGlobals).localStorage.getItem(name),
    key,
  );
}

export function writePageStorage(page: Page, key: string, value: string): Promise<void> {
  return page.evaluate(
    ([name, text]) => (globalThis as unknown as PageGlobals).localStorage.setItem(name, text),
    [key, value] as const,
  );
}
