// Index reads kept for a while (decision 066): related practices and possible duplicates are
// several Meilisearch queries (a text query over titles is ≈5 ms at 10,000 practices) whose
// answer changes only when the published practices do. A read is kept under the content
// version (models/content-version.server.ts, the same one the visitors' page cache keys on):
// every write this process answers and every change its search sync applies moves it, so a kept
// answer is never older than this process's last change; the database's part of the version
// (changes made elsewhere: another instance, a script) is read again at most once a second.
// Entries last KEPT_MS at most. Failed reads are not kept.
import { contentVersion, refreshContentVersion } from "../models/content-version.server";

const KEPT_MS = 60_000;
const KEPT_MAX = 1000;
/** The database's counter (other processes' changes) is read again when older than this. */
const REFRESH_MS = 1000;
let refreshedAt = 0;
let refreshing: Promise<void> | null = null;

/** The content version, with the database's part at most REFRESH_MS old (one read by _id a
 *  second at most; when the database does not answer, the last value read). */
async function currentVersion(): Promise<string> {
  if (Date.now() - refreshedAt > REFRESH_MS) {
    refreshing ??= refreshContentVersion()
      .then(
        () => void (refreshedAt = Date.now()),
        () => {},
      )
      .finally(() => (refreshing = null));
    await refreshing;
  }
  return contentVersion();
}

interface Entry {
  at: number;
  version: string;
  value: Promise<unknown>;
}
const kept = new Map<string, Entry>();

/** `read()`'s answer for `key`, from the last read under the same content version when it is
 *  recent. Answers are shared between requests: callers must not change them. */
export async function keptIndexRead<T>(key: string, read: () => Promise<T>): Promise<T> {
  const version = await currentVersion();
  const now = Date.now();
  const hit = kept.get(key);
  if (hit && hit.version === version && now - hit.at < KEPT_MS) return (await hit.value) as T;
  const value = read();
  if (kept.size >= KEPT_MAX) kept.clear();
  const entry: Entry = { at: now, version, value };
  kept.set(key, entry);
  value.catch(() => {
    if (kept.get(key) === entry) kept.delete(key);
  });
  return await value;
}

/** For tests: forget every kept read. */
export function forgetKeptReads() {
  kept.clear();
}
