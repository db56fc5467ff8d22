// Work the app process does besides answering requests (the search sync worker, the mail worker).
// Each module registers its starter here, and how to stop it; started once per process, stopped
// by the graceful shutdown (scripts/serve.ts). The registry lives on globalThis: the server
// (tsx) and the Remix build (which bundles its own copy of this module) see the same one.
type Starter = () => void;
/** Stops the work after what it is doing now; resolves when it has stopped. */
type Stopper = () => Promise<void>;

interface Registry {
  work: { start: Starter; stop?: Stopper }[];
  started: boolean;
}

declare global {
  // eslint-disable-next-line no-var
  var __hubBackground: Registry | undefined;
}

const registry: Registry = (globalThis.__hubBackground ??= { work: [], started: false });

export function registerBackgroundWork(start: Starter, stop?: Stopper) {
  registry.work.push({ start, stop });
  if (registry.started) start();
}

export function startBackgroundWork() {
  if (registry.started || process.env.HUB_NO_BACKGROUND === "1") return;
  registry.started = true;
  for (const w of registry.work) w.start();
}

/** Stops every registered worker (each after its current pass), all at once. */
export async function stopBackgroundWork() {
  await Promise.all(registry.work.map((w) => w.stop?.()));
}
