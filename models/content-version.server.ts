// What visitors see changes when content changes: a version that everything which changes a
// public page bumps — a write request answered by this process (scripts/serve.ts), the search
// sync applying a change to the index (search/sync.server.ts), a rebuilt index. The anonymous
// page cache (scripts/lib/page-cache.ts, decision 057) keeps a page only while the version still
// has the value it was rendered under.
//
// Two parts: this process's own counter (a change here is seen at once) and a counter in the
// database (`contentversions`, one document) that every process bumps too — a sweep or a reindex
// run by a script, another instance's writes and sync — which the page cache reads before it
// sends a kept page (that read is also its check that the database answers).
//
// Shared through globalThis: the server (loaded by tsx) and the Remix build (which bundles its
// own copy of this module) must see one counter.
import mongoose from "mongoose";

interface Shared {
  local: number;
  /** The database's counter when last read (null: never read). */
  stored: number | null;
}

declare global {
  // eslint-disable-next-line no-var
  var __hubContentVersion: Shared | undefined;
}

const shared = (globalThis.__hubContentVersion ??= { local: 0, stored: null });
const KEY = "content";

const collection = () => mongoose.connection.db!.collection<{ _id: string; n: number }>("contentversions");

/** The current value: a page rendered under it is current until the next change. */
export function contentVersion(): string {
  return `${shared.local}.${shared.stored ?? "-"}`;
}

/** Something a visitor may see has changed: pages rendered before now are out of date, here at
 *  once and in every other process once it reads the database's counter. */
export function contentChanged(): Promise<void> {
  shared.local++;
  // Without a connection (a unit test) only this process's counter moves.
  if (mongoose.connection.readyState !== 1) return Promise.resolve();
  return collection()
    .updateOne({ _id: KEY }, { $inc: { n: 1 } }, { upsert: true })
    .then(
      () => {},
      () => {
        // The database is down: pages are not served from the cache until it answers again,
        // and the local counter has moved.
      },
    );
}

/** Reads the database's counter (throws when the database does not answer). */
export async function refreshContentVersion(): Promise<void> {
  if (mongoose.connection.readyState !== 1) throw new Error("not connected to the database");
  const doc = await collection().findOne({ _id: KEY });
  shared.stored = doc?.n ?? 0;
}
