// Fault suite (issue 15, item 2): the embedded services never outlive the process that started
// them, a start adopts only this data dir's own services left running (and says so), and a port
// held by another program stops the start with a clear message instead of being used.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { eventually, sleep } from "../helpers/wait";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dataDir = mkdtempSync(path.join(tmpdir(), "hub-services-"));
const base = Number(process.env.TEST_PORT ?? 3100) + 60;
const ports = { MONGO_PORT: String(27000 + (base % 1000)), MEILI_PORT: String(7000 + (base % 1000)), MAIL_PORT: String(1000 + (base % 1000) * 2 + 500) };
const started = new Set<ChildProcess>();

function services(): { child: ChildProcess; output: () => string; exited: Promise<number | string | null> } {
  const env: NodeJS.ProcessEnv = { ...process.env, ...ports, HUB_DATA_DIR: dataDir };
  for (const k of ["MONGODB_URI", "MEILI_HOST", "MEILI_MASTER_KEY", "SMTP_URL"]) delete env[k];
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/services.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  started.add(child);
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  // the exit code, or the signal that ended it (so a failure says which)
  const exited = new Promise<number | string | null>((r) => child.once("exit", (code, signal) => r(code ?? signal)));
  return { child, output: () => out, exited };
}
const inUse = (port: string) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect({ host: "127.0.0.1", port: Number(port) });
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });
const allUp = async () => (await inUse(ports.MONGO_PORT)) && (await inUse(ports.MEILI_PORT)) && (await inUse(ports.MAIL_PORT));
const allDown = async () => !(await inUse(ports.MONGO_PORT)) && !(await inUse(ports.MEILI_PORT)) && !(await inUse(ports.MAIL_PORT));
const pidOf = (name: string) => Number((JSON.parse(readFileSync(path.join(dataDir, `${name}-process.json`), "utf8")) as { pid: number }).pid);
const watchdogOf = (pid: number) => {
  const r = spawn("pgrep", ["-f", `while kill -0 ${pid} `]);
  return new Promise<number[]>((resolve) => {
    let out = "";
    r.stdout.on("data", (d) => (out += d));
    r.once("exit", () => resolve(out.trim().split(/\s+/).filter(Boolean).map(Number)));
  });
};

afterAll(async () => {
  for (const c of started) c.kill("SIGKILL");
  for (const n of ["mongo", "meili", "mail"]) {
    try {
      process.kill(pidOf(n), "SIGKILL");
    } catch {
      /* gone */
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the embedded services", () => {
  it("die with a start that is killed, are adopted when left running, and refuse a foreign port", async () => {
    // 1. SIGKILL of the process that started them: they stop within seconds (the watchdog)
    const first = services();
    await eventually(async () => first.output().includes("ready;") && (await allUp()), 90_000, "the services to start");
    first.child.kill("SIGKILL");
    await eventually(allDown, 20_000, "the services to stop with their starter");

    // 2. left running anyway (the watchdog killed too): the next start adopts them and says so
    const second = services();
    await eventually(async () => second.output().includes("ready;"), 90_000, "the services to start again");
    const orphans = [pidOf("mongo"), pidOf("meili"), pidOf("mail")];
    for (const w of await watchdogOf(second.child.pid!)) process.kill(w, "SIGKILL");
    second.child.kill("SIGKILL");
    await sleep(1500);
    expect(await allUp()).toBe(true);
    const third = services();
    await eventually(async () => third.output().includes("ready;"), 60_000, "the start that adopts");
    expect(third.output()).toMatch(/adopting FerretDB .* left running by an earlier start \(pid \d+/);
    expect(third.output()).toMatch(/adopting Meilisearch/);
    expect(third.output()).toMatch(/adopting Mailpit/);
    expect([pidOf("mongo"), pidOf("meili"), pidOf("mail")]).toEqual(orphans);
    // and a clean stop stops the adopted ones too
    third.child.kill("SIGTERM");
    expect(await third.exited, `the adopting start's output:\n${third.output()}`).toBe(0);
    await eventually(allDown, 20_000, "the adopted services to stop");

    // 3. another program on the database port: a clear refusal, nothing started
    const squatter = net.createServer(() => {}).listen(Number(ports.MONGO_PORT), "127.0.0.1");
    try {
      const fourth = services();
      expect(await fourth.exited).toBe(1);
      expect(fourth.output()).toContain(`Port ${ports.MONGO_PORT} is already in use by another program`);
      expect(fourth.output()).toContain("MONGO_PORT");
      expect(!(await inUse(ports.MEILI_PORT)) && !(await inUse(ports.MAIL_PORT))).toBe(true);
    } finally {
      squatter.close();
    }
  }, 300_000);
});
