// Fault injection against the test services: kill a backing service (the pid the test services
// recorded in <data dir>/<name>-process.json) and start the same binary with the same arguments
// again. A small shell watchdog stops a restarted service when the test runner exits.
import { spawn } from "node:child_process";
import { existsSync, openSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { eventually } from "./wait";

export interface Service {
  /** "meili" or "mongo": the prefix of the process file. */
  name: string;
  up: () => Promise<boolean>;
}

const dataDir = () => process.env.HUB_DATA_DIR ?? "";
const procFile = (s: Service) => path.join(dataDir(), `${s.name}-process.json`);

export const meiliService: Service = {
  name: "meili",
  up: async () => {
    try {
      const host = (process.env.MEILI_HOST ?? "").replace(/\/$/, "");
      return (await fetch(`${host}/health`, { signal: AbortSignal.timeout(1000) })).ok;
    } catch {
      return false;
    }
  },
};

export const mongoService: Service = {
  name: "mongo",
  up: () =>
    new Promise((resolve) => {
      const url = new URL(process.env.MONGODB_URI ?? "mongodb://127.0.0.1:27017");
      const socket = net.connect({ host: url.hostname, port: Number(url.port || 27017) });
      const done = (ok: boolean) => {
        socket.destroy();
        resolve(ok);
      };
      socket.setTimeout(1000, () => done(false));
      socket.once("connect", () => done(true));
      socket.once("error", () => done(false));
    }),
};

export function canInject(s: Service): boolean {
  return !!dataDir() && existsSync(procFile(s));
}

/** The pid of the running service, as its process file records it. */
const pidOf = (s: Service) => (JSON.parse(readFileSync(procFile(s), "utf8")) as { pid: number }).pid;

export async function stopService(s: Service) {
  const pid = pidOf(s);
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    /* already gone */
  }
  await eventually(async () => !(await s.up()), 10_000, `${s.name} to stop`);
}

/** Freezes a service (SIGSTOP): its port still accepts connections, nothing answers. */
export function pauseService(s: Service) {
  process.kill(pidOf(s), "SIGSTOP");
}

/** Lets a frozen service go on (SIGCONT). */
export function resumeService(s: Service) {
  process.kill(pidOf(s), "SIGCONT");
}

export async function startService(s: Service) {
  if (await s.up()) return;
  const info = JSON.parse(readFileSync(procFile(s), "utf8")) as { pid: number; bin: string; args: string[]; log?: string };
  const out = openSync(info.log ?? path.join(dataDir(), `${s.name}.log`), "a");
  const watch = process.ppid;
  const script = `"$0" "$@" & m=$!; trap 'kill $m 2>/dev/null; exit 0' TERM INT; while kill -0 ${watch} 2>/dev/null && kill -0 $m 2>/dev/null; do sleep 1; done; kill $m 2>/dev/null; wait $m`;
  const child = spawn("sh", ["-c", script, info.bin, ...info.args], { detached: true, stdio: ["ignore", out, out] });
  child.unref();
  await eventually(() => s.up(), 30_000, `${s.name} to restart`);
  // Record who runs it now (the service, child of the watchdog shell).
  let pid = child.pid ?? 0;
  try {
    const kids = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, "utf8").trim().split(/\s+/).map(Number).filter(Boolean);
    if (kids.length) pid = kids[0];
  } catch {
    /* no /proc: keep the shell's pid (killing it stops the service through the trap) */
  }
  writeFileSync(procFile(s), JSON.stringify({ ...info, pid }));
}
