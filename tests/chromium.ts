/** Debian's Chromium for the browser tests, started offline: no network of its own, no updates, no sync. */
import fs from "node:fs";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** Why the browser tests cannot run here, or false when Chromium is installed. */
export const noChromium = (): string | false =>
  !fs.existsSync(CHROMIUM) &&
  `Chromium is not installed at ${CHROMIUM} (apt-get install chromium; .ci/run does it on CI)`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
