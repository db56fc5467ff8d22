// A second hub process for the tests that need one of their own (other settings, or one they
// may stop): on a free port, with the test services' environment plus what the test sets.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { withHubAllocator } from "../../scripts/lib/allocator.mjs";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export interface AppProcess {
  child: ChildProcess;
  url: string;
  port: number;
  /** Everything the process wrote to stdout so far (its JSON log lines). */
  stdout: () => string;
  /** Resolves with the exit code (or the signal's name) once the process has exited. */
  exited: Promise<number | string>;
}

/**
 * Starts `scripts/serve.ts` in a node process of its own (no tsx wrapper process, so signals and
 * the exit code are the server's) and waits until /healthz answers 200.
 */
export async function startApp(env: Record<string, string>, timeoutMs = 60_000): Promise<AppProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
    env: withHubAllocator({ ...process.env, ...env, PORT: String(port) }),
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout!.setEncoding("utf8").on("data", (s: string) => (out += s));
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? -1)));
  const url = `http://localhost:${port}`;
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`the second hub exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) return { child, url, port, stdout: () => out, exited };
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill("SIGKILL");
  throw new Error("the second hub did not start");
}
