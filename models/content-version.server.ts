// What visitors see changes when content changes: a counter that everything which changes a
// public page bumps — a write request answered by this process (scripts/serve.ts), the search
// sync applying a change to the index (search/sync.server.ts), a rebuilt index. The anonymous
// page cache (scripts/lib/page-cache.ts, decision 057) keeps a page only while the counter still
// has the value it was rendered under. Shared through globalThis: the server (loaded by tsx) and
// the Remix build (which bundles its own copy of this module) must see one counter.

interface Shared {
  value: number;
}

declare global {
  // eslint-disable-next-line no-var
  var __hubContentVersion: Shared | undefined;
}

const shared = (globalThis.__hubContentVersion ??= { value: 0 });

/** The current value: a page rendered under it is current until the next change. */
export function contentVersion(): number {
  return shared.value;
}

/** Something a visitor may see has changed: pages rendered before now are out of date. */
export function contentChanged(): void {
  shared.value++;
}
