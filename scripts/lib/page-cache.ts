// The page cache for visitors without a session (decision 057). What such a visitor is sent does
// not depend on who they are, except for two values in every page: the CSP nonce and the CSRF
// token. A page is rendered once with placeholders for the two, kept, and sent to each visitor
// with their own values spliced in, until content changes (models/content-version.server.ts:
// a write answered by this process, the search sync applying a change) or HUB_PAGE_CACHE_MS
// passes (writes made elsewhere: a script, another instance on the same database).
//
// Kept: answers 200 to GET, without Set-Cookie or `Cache-Control: private/no-store`, of a text
// type, rendered without a fallback (models/log.server.ts: requestDegraded), up to 1 MiB each.
// Never looked up: requests with a session cookie, a hard reload (`Cache-Control: no-cache`),
// file downloads and the streamed exports. Concurrent requests for a page being rendered wait
// for that render instead of starting their own. A kept page is only sent after the database
// and Meilisearch have answered a ping: an outage shows at once, as it would without the cache.
import { randomBytes } from "node:crypto";
import type express from "express";
import { parse as parseCookie } from "cookie";
import { LRUCache } from "lru-cache";
import { localeFrom } from "../../app/i18n/locale.server.ts";
import { SESSION_COOKIE } from "../../app/lib/session-cookie.ts";
import { contentVersion } from "../../models/content-version.server.ts";
import { requestDegraded } from "../../models/log.server.ts";
import { metrics } from "../../models/metrics.server.ts";

/** The per-response values of a page. */
export interface Placeholders {
  nonce: string;
  csrfToken: string;
}

export interface PageTemplate {
  status: number;
  statusText: string;
  headers: [string, string][];
  /** The body cut at each placeholder: parts[0], slots[0], parts[1], …, parts[n]. */
  parts: string[];
  slots: (keyof Placeholders)[];
  /** The content version it was rendered under. */
  version: string;
  bytes: number;
}

export type CacheOutcome = "hit" | "miss" | "skip" | "bypass";

/** What to send: a page with the visitor's values in it, or a response to pass on as it is. */
export type Served = { outcome: CacheOutcome; status: number; statusText: string; headers: [string, string][]; body: string } | { outcome: "skip"; response: Response };

const MAX_ENTRY_BYTES = 1024 * 1024;
const MAX_KEY_URL = 2048;
/** Answers that are never worth keeping or carry per-visitor data of their own. */
const NEVER = /^\/(?:files|api\/v1\/export|i18n|healthz|metrics|build|__refused)(?:\/|\.|$)/;
const TEXT = /^(?:text\/html|application\/json|application\/atom\+xml|application\/xml|text\/plain)\b/i;

/** Fresh placeholders of the same shape as the real values (scripts/serve.ts makes those). */
export function placeholders(): Placeholders {
  return { nonce: randomBytes(16).toString("base64"), csrfToken: randomBytes(24).toString("base64url") };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** Cuts a body rendered with `ph` at every occurrence of either value. */
export function cutTemplate(body: string, ph: Placeholders): Pick<PageTemplate, "parts" | "slots"> {
  const parts: string[] = [];
  const slots: (keyof Placeholders)[] = [];
  const re = new RegExp(`${escapeRegExp(ph.nonce)}|${escapeRegExp(ph.csrfToken)}`, "g");
  let last = 0;
  for (const m of body.matchAll(re)) {
    parts.push(body.slice(last, m.index));
    slots.push(m[0] === ph.nonce ? "nonce" : "csrfToken");
    last = m.index + m[0].length;
  }
  parts.push(body.slice(last));
  return { parts, slots };
}

/** The body with the visitor's values where the placeholders were. */
export function fillTemplate(t: Pick<PageTemplate, "parts" | "slots">, values: Placeholders): string {
  let out = t.parts[0];
  for (let i = 0; i < t.slots.length; i++) out += values[t.slots[i]] + t.parts[i + 1];
  return out;
}

export class PageCache {
  private readonly pages: LRUCache<string, PageTemplate>;
  private readonly rendering = new Map<string, Promise<PageTemplate | null>>();

  private liveCheck: Promise<boolean> | null = null;

  /**
   * `live`: whether the services pages are rendered from answer right now. A kept page is only
   * sent while they do: during an outage visitors get what a render gives them then (the
   * translated notice or 503), never a page that hides it.
   */
  constructor(
    readonly ttlMs: number,
    maxBytes: number,
    private readonly live: () => Promise<boolean> = async () => true,
  ) {
    this.pages = new LRUCache<string, PageTemplate>({ maxSize: Math.max(1, maxBytes), sizeCalculation: (p) => Math.max(1, p.bytes), ttl: Math.max(1, ttlMs) });
  }

  static fromEnv(env: Record<string, string | undefined> = process.env, live?: () => Promise<boolean>): PageCache {
    const ms = Number(env.HUB_PAGE_CACHE_MS ?? 10_000);
    const mb = Number(env.HUB_PAGE_CACHE_MB ?? 64);
    return new PageCache(Number.isFinite(ms) && ms >= 0 ? ms : 10_000, (Number.isFinite(mb) && mb > 0 ? mb : 64) * 1024 * 1024, live);
  }

  get enabled() {
    return this.ttlMs > 0;
  }

  /** The key of a request whose answer may come from the cache, or null. */
  keyOf(req: express.Request): string | null {
    if (!this.enabled || req.method !== "GET") return null;
    if (req.originalUrl.length > MAX_KEY_URL || NEVER.test(req.path)) return null;
    if (/no-cache|no-store/i.test(`${req.headers["cache-control"] ?? ""} ${req.headers.pragma ?? ""}`)) return null;
    const cookie = req.headers.cookie;
    if (cookie && parseCookie(cookie)[SESSION_COOKIE]) return null;
    const lng = typeof req.query.lng === "string" ? req.query.lng : null;
    // The origin too: without HUB_PUBLIC_URL absolute links are built from the request's Host,
    // and a page asked for with a forged one must never reach anyone else.
    return `${localeFrom(lng, cookie, req.headers["accept-language"])} ${req.protocol}://${req.get("host") ?? ""}${req.originalUrl}`;
  }

  /** Counts a request that was not looked up (signed in, a reload, a download). */
  bypassed() {
    metrics.pageCache.inc({ outcome: "bypass" });
  }

  /**
   * The answer for `key` with the visitor's values: kept if current, else the render in flight
   * for it, else `render` (given placeholders in place of the visitor's values) — kept if it may be.
   */
  async serve(key: string, visitor: Placeholders, render: (ph: Placeholders) => Promise<Response>): Promise<Served> {
    const kept = this.current(key);
    // (The check reads the database's content version: a change made by another process shows.)
    if (kept && (await this.servicesAnswer()) && kept.version === contentVersion()) return this.send("hit", kept, visitor);
    const inFlight = this.rendering.get(key);
    if (inFlight) {
      const t = await inFlight;
      // (Good only if nothing changed since that render began.)
      if (t && t.version === contentVersion()) return this.send("hit", t, visitor);
    }

    const version = contentVersion();
    const ph = placeholders();
    let settle: (t: PageTemplate | null) => void = () => {};
    const mine = new Promise<PageTemplate | null>((resolve) => (settle = resolve));
    this.rendering.set(key, mine);
    let template: PageTemplate | null = null;
    try {
      const response = await render(ph);
      const type = response.headers.get("content-type") ?? "";
      // Downloads and streamed answers pass as they are (no page, so no placeholders in them).
      if (!response.body || !TEXT.test(type) || response.headers.get("x-accel-buffering") === "no") {
        metrics.pageCache.inc({ outcome: "skip" });
        return { outcome: "skip", response };
      }
      const body = await response.text();
      const t: PageTemplate = {
        status: response.status,
        statusText: response.statusText,
        headers: [...response.headers.entries()],
        ...cutTemplate(body, ph),
        version,
        bytes: body.length,
      };
      if (this.keeps(response, t)) {
        template = t;
        this.pages.set(key, t);
      }
      return this.send(template ? "miss" : "skip", t, visitor);
    } finally {
      if (this.rendering.get(key) === mine) this.rendering.delete(key);
      settle(template);
    }
  }

  /** One check at a time, shared by the hits that arrive meanwhile (never remembered after). */
  private servicesAnswer(): Promise<boolean> {
    this.liveCheck ??= this.live()
      .catch(() => false)
      .finally(() => (this.liveCheck = null));
    return this.liveCheck;
  }

  private current(key: string): PageTemplate | undefined {
    const t = this.pages.get(key);
    if (t && t.version !== contentVersion()) {
      this.pages.delete(key);
      return undefined;
    }
    return t;
  }

  private keeps(response: Response, t: PageTemplate): boolean {
    if (response.status !== 200 || t.bytes > MAX_ENTRY_BYTES || requestDegraded()) return false;
    if (response.headers.has("set-cookie")) return false;
    return !/no-store|private/i.test(response.headers.get("cache-control") ?? "");
  }

  private send(outcome: CacheOutcome, t: PageTemplate, visitor: Placeholders): Served {
    metrics.pageCache.inc({ outcome });
    return { outcome, status: t.status, statusText: t.statusText, headers: t.headers, body: fillTemplate(t, visitor) };
  }

  /** For tests and the metrics: how many pages are kept. */
  get size() {
    return this.pages.size;
  }
}
