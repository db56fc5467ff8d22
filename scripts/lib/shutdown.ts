// Graceful shutdown of the app process (decision 046), for scripts/serve.ts and `npm start`:
// stop accepting connections, let the requests in flight finish (at most HUB_SHUTDOWN_GRACE_MS,
// then the remaining connections are cut), stop the background work after its current pass (the
// sync worker gives its lease up), close MongoDB. The caller exits afterwards.
import type { Server } from "node:http";
import { stopBackgroundWork } from "../../models/background.server.ts";
import { disconnectDb } from "../../models/db.server.ts";
import { log } from "../../models/log.server.ts";
import { envInt } from "./services.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves when `p` settles or after `ms`, whichever comes first: true when `p` settled. */
async function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const settled = await Promise.race([p.then(() => true, () => true), new Promise<false>((r) => (timer = setTimeout(() => r(false), ms)))]);
  clearTimeout(timer);
  return settled;
}

export interface Draining {
  /** Set while shutting down: answers then carry `Connection: close`. */
  draining: boolean;
}

export async function shutdownApp(server: Server, state: Draining, signal: string): Promise<void> {
  const graceMs = envInt("HUB_SHUTDOWN_GRACE_MS", 10_000);
  const started = Date.now();
  log.info({ signal, graceMs }, "shutting down: no new connections, finishing the requests in flight");
  state.draining = true;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Keep-alive connections with no request in flight are closed now; the others once their
  // answer is sent (it says Connection: close), polled until the server has closed.
  server.closeIdleConnections();
  let done = false;
  void closed.then(() => (done = true));
  const poll = (async () => {
    while (!done && Date.now() - started < graceMs) {
      await sleep(50);
      server.closeIdleConnections();
    }
  })();
  if (!(await within(closed, graceMs))) {
    log.warn({ graceMs }, "shutting down: requests still in flight after the grace period, closing their connections");
    server.closeAllConnections();
    await within(closed, 1000);
  }
  done = true;
  await poll;
  const left = Math.max(2000, graceMs - (Date.now() - started));
  if (!(await within(stopBackgroundWork(), left))) log.warn("shutting down: background work did not stop in time");
  await within(disconnectDb(), 5000);
  log.info({ ms: Date.now() - started }, "shut down");
}

/**
 * Runs `stop` once on the first SIGTERM or SIGINT, then exits with its code. One Ctrl-C reaches
 * the app several times within milliseconds (from the terminal, and relayed by npm, the bootstrap
 * script and tsx): repeats within a second are that same signal. A signal after that exits at
 * once (code 1).
 */
export function onStopSignals(stop: (signal: string) => Promise<number>) {
  let firstAt = 0;
  const handler = (signal: NodeJS.Signals) => {
    if (firstAt) {
      if (Date.now() - firstAt < 1000) return;
      log.warn({ signal }, "second signal: exiting now");
      process.exit(1);
    }
    firstAt = Date.now();
    stop(signal).then(
      (code) => process.exit(code),
      (e) => {
        log.error({ err: e }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
}
