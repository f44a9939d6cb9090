// Debian's Chromium driven by playwright-core (no browser download). Missing Chromium is a test
// failure, never a skip: a silently skipped e2e suite proves nothing.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.SAMPLEDEX_CHROMIUM ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`e2e needs Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set SAMPLEDEX_CHROMIUM)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      // Auditioning must start from a keyboard press in tests exactly as it does for a user.
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}
