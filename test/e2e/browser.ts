import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const REQUIRE_CHROMIUM = process.env.REQUIRE_CHROMIUM === '1';
export const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');

/**
 * Whether the end-to-end tests can run. Without Chromium they are skipped with a loud
 * warning — unless REQUIRE_CHROMIUM=1 (CI), where a missing browser fails the run.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const message = `Chromium was not found at ${CHROMIUM_PATH} (set CHROMIUM_PATH, or apt-get install chromium)`;
  if (REQUIRE_CHROMIUM)
    throw new Error(`${message}; REQUIRE_CHROMIUM=1 forbids skipping the end-to-end tests`);
  console.warn(`\n!!!!!!!!!!\n!!! SKIPPING the end-to-end tests: ${message}\n!!!!!!!!!!\n`);
  return false;
}

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // Without the background-networking flags Chromium keeps calling home, which floods a closed network.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

/** Keeps a screenshot of the page as a test artefact (test-artifacts/, ignored by git). */
export async function keepScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  // Finite animations (a dialog fading in or out) fast-forwarded: the picture shows where they end.
  await page.screenshot({ path: file, animations: 'disabled' });
  return file;
}

/** Fails the test with the browser's errors, which would otherwise only reach its console. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // The browser asks for /favicon.ico on its own; the add-in has none.
    if (message.type() === 'error' && !/favicon/.test(message.location().url)) errors.push(message.text());
  });
  return errors;
}
