// Fault suite (issue 15, item 1): app instances killed with SIGKILL. Two instances of the hub run
// against the same services (a database and index prefix of their own, so the suite's main hub
// does not compete): the one holding the sync lease is killed mid-sweep and the other takes the
// lease over within its expiry and indexes everything at its last version; an instance killed
// while members write loses no acknowledged write, and once started again the outbox and the
// sync resume.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { withHubAllocator } from "../../scripts/lib/allocator.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Types } from "mongoose";
import { connectDb, disconnectDb } from "../../models/db.server";
import { hashPassword } from "../../models/password.server";
import { Practice } from "../../models/practice.server";
import { User } from "../../models/user.server";
import { SearchOutbox } from "../../search/outbox.server";
import { SearchLease } from "../../search/sync.server";
import { Client } from "../helpers/http";
import { eventually, sleep } from "../helpers/wait";
import { fullForm } from "../integration/practice-fixtures";

const ROOT = path.resolve(import.meta.dirname, "../..");
const run = randomBytes(3).toString("hex");
const base = new URL(process.env.MONGODB_URI ?? "mongodb://127.0.0.1:27017/hub");
base.pathname = `/hub_faults_${run}`;
const uri = base.toString();
const prefix = `faults${run}_`;
const basePort = Number(process.env.TEST_PORT ?? 3100) + 50;
const children = new Set<ChildProcess>();
const email = `faults-${run}@example.org`;
const password = "faults-suite-password-42";

function startHub(port: number, extra: Record<string, string> = {}): ChildProcess {
  // one process (tsx as a loader, not its wrapper), so its pid is the one a kill stops and the lease names
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
    cwd: ROOT,
    env: withHubAllocator({ ...process.env, PORT: String(port), MONGODB_URI: uri, MEILI_INDEX_PREFIX: prefix, HUB_SYNC_INTERVAL_MS: "300", HUB_SWEEP_INTERVAL_MS: "1000", HUB_STALE_DUTY: "off", LOG_LEVEL: "warn", ...extra }),
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}
const healthy = async (port: number) => {
  try {
    return (await fetch(`http://localhost:${port}/healthz`)).status === 200;
  } catch {
    return false;
  }
};
const kill9 = async (c: ChildProcess) => {
  const gone = new Promise((r) => c.once("exit", r));
  c.kill("SIGKILL");
  await gone;
};
async function indexedVersions(ids: Types.ObjectId[]): Promise<Map<string, number>> {
  const host = (process.env.MEILI_HOST ?? "").replace(/\/$/, "");
  const res = await fetch(`${host}/indexes/${prefix}practices/documents?limit=5000&fields=id,version`, { headers: { Authorization: `Bearer ${process.env.MEILI_MASTER_KEY}` } });
  if (!res.ok) return new Map();
  const want = new Set(ids.map(String));
  return new Map(((await res.json()) as { results: { id: string; version: number }[] }).results.filter((d) => want.has(d.id)).map((d) => [d.id, d.version]));
}

let ownerId: Types.ObjectId;
beforeAll(async () => {
  await connectDb(uri);
  const u = await User.create({ email, displayName: "Fault Suite", passwordHash: await hashPassword(password), emailVerifiedAt: new Date() });
  ownerId = u._id as Types.ObjectId;
});
afterAll(async () => {
  for (const c of children) c.kill("SIGKILL");
  const m = await connectDb(uri);
  await m.connection.db!.dropDatabase().catch(() => undefined);
  const host = (process.env.MEILI_HOST ?? "").replace(/\/$/, "");
  for (const ix of ["practices", "threads", "reviews"]) {
    await fetch(`${host}/indexes/${prefix}${ix}`, { method: "DELETE", headers: { Authorization: `Bearer ${process.env.MEILI_MASTER_KEY}` } }).catch(() => undefined);
  }
  await disconnectDb();
});

describe("two app instances, the lease holder killed mid-sweep", () => {
  it("passes the lease to the other within its expiry; everything ends indexed at its last version", async () => {
    const a = startHub(basePort);
    const b = startHub(basePort + 1);
    await eventually(async () => (await healthy(basePort)) && (await healthy(basePort + 1)), 60_000, "both instances to start");
    // content the outbox never saw (a script's bulk insert): only the sweep finds it
    const docs = await Practice.insertMany(
      Array.from({ length: 300 }, (_, i) => ({
        slug: `lease-${run}-${i}`, ownerId, status: "published", language: "en", title: `Lease practice ${run} ${i}`,
        summary: "Indexed by whichever instance holds the lease.", countries: ["SN"], regions: ["Africa"], objectives: [23], publishedAt: new Date(),
      })),
    );
    const ids = docs.map((d) => d._id as Types.ObjectId);
    // kill the holder while it sweeps
    const lease = await eventually(async () => SearchLease.findById("sync").lean(), 20_000, "a lease holder");
    const holder = [a, b].find((c) => lease.owner?.split(":")[1] === String(c.pid))!;
    const other = holder === a ? b : a;
    expect(holder).toBeTruthy();
    await sleep(300);
    const killedAt = Date.now();
    await kill9(holder);
    // new versions while nobody may be indexing
    await Practice.updateMany({ _id: { $in: ids.slice(0, 50) } }, { $inc: { version: 1 } });
    const taken = await eventually(async () => {
      const l = await SearchLease.findById("sync").lean();
      return l && l.owner?.split(":")[1] === String(other.pid) ? l : null;
    }, 60_000, "the other instance to take the lease");
    const handover = Date.now() - killedAt;
    console.log(`[faults] lease taken over ${handover} ms after the holder was killed`);
    expect(taken).toBeTruthy();
    expect(handover).toBeLessThan(30_000 + 10_000); // the lease's expiry (30 s) and a pass
    const truth = new Map((await Practice.find({ _id: { $in: ids } }).select("version").lean()).map((p) => [String(p._id), p.version]));
    await eventually(async () => {
      const idx = await indexedVersions(ids);
      return idx.size === ids.length && [...truth].every(([id, v]) => idx.get(id) === v);
    }, 90_000, "every practice indexed at its last version");
    await kill9(other);
  }, 240_000);
});

describe("an app instance killed while members write", () => {
  it("keeps every acknowledged write, and the outbox resumes when it starts again", async () => {
    const port = basePort + 2;
    let hub = startHub(port);
    await eventually(() => healthy(port), 60_000, "the instance to start");
    const member = await new Client(`http://localhost:${port}`).login(email, password);
    const titles = Array.from({ length: 40 }, (_, i) => `Killed app ${run} ${i}`);
    const acked: { title: string; id: string }[] = [];
    const writes = titles.map(async (title, i) => {
      await sleep(i * 60);
      try {
        const res = await member.post("/practices/new", { ...fullForm(title), intent: "submit" });
        const id = /([a-f0-9]{24})/.exec(res.headers.get("location") ?? "")?.[1];
        if (res.status === 302 && id) acked.push({ title, id });
      } catch {
        /* the connection died with the app: not acknowledged */
      }
    });
    // killed as soon as the first writes are acknowledged, with more in flight
    await eventually(async () => acked.length >= 3, 30_000, "the first acknowledged writes");
    await kill9(hub);
    await Promise.all(writes);
    expect(acked.length).toBeGreaterThan(0);
    const stored = await Practice.find({ title: { $in: titles } }).select("title reviewStatus").lean();
    for (const a of acked) expect(stored.find((p) => String(p._id) === a.id)?.title, a.title).toBe(a.title);

    hub = startHub(port);
    await eventually(() => healthy(port), 60_000, "the instance to start again");
    // every submission it stored is in the moderators' queue index, and the outbox is empty
    const host = (process.env.MEILI_HOST ?? "").replace(/\/$/, "");
    await eventually(async () => {
      if ((await SearchOutbox.countDocuments({})) > 0) return false;
      const res = await fetch(`${host}/indexes/${prefix}reviews/documents?limit=1000&fields=id`, { headers: { Authorization: `Bearer ${process.env.MEILI_MASTER_KEY}` } });
      if (!res.ok) return false;
      const inQueue = new Set(((await res.json()) as { results: { id: string }[] }).results.map((d) => d.id));
      return stored.filter((p) => p.reviewStatus === "submitted").every((p) => inQueue.has(String(p._id)));
    }, 60_000, "the outbox to drain into the review queue");
    await kill9(hub);
  }, 240_000);
});

describe("the log-in limit across two instances", () => {
  it("checks at most the limit's number of passwords for one account, whichever instance is asked", async () => {
    const env = { HUB_LOGIN_LIMIT: "10", HUB_LOGIN_IP_LIMIT: "100000", HUB_LOGIN_SLOWDOWN: "0" };
    const ports = [basePort + 3, basePort + 4];
    const hubs = ports.map((p) => startHub(p, env));
    await eventually(async () => (await healthy(ports[0])) && (await healthy(ports[1])), 60_000, "both instances to start");
    const target = `limit-${run}@example.org`;
    await User.create({ email: target, displayName: "Limit", passwordHash: await hashPassword(password), emailVerifiedAt: new Date() });
    const attempts = await Promise.all(
      Array.from({ length: 40 }, (_, i) => new Client(`http://localhost:${ports[i % 2]}`).post("/login", { email: target, password: `wrong-${i}-password` }).then((r) => r.status)),
    );
    expect(attempts.filter((s) => s === 400), attempts.join(" ")).toHaveLength(10);
    expect(attempts.filter((s) => s === 429)).toHaveLength(30);
    // the right password no longer opens the account on either instance (a reset link would)
    for (const p of ports) expect((await new Client(`http://localhost:${p}`).post("/login", { email: target, password })).status).toBe(429);
    for (const h of hubs) await kill9(h);
  }, 120_000);
});
