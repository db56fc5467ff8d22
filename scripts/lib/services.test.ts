import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { guard, processStartTime } from "./services";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const exited = (c: ReturnType<typeof spawn>) => new Promise<NodeJS.Signals | null>((r) => c.once("exit", (_code, sig) => r(sig)));

describe("the watchdog of npm start's services", () => {
  it("stops a service once its parent is gone, but not a process that took a recorded pid since", async () => {
    const parent = spawn("sleep", ["0.3"]);
    const service = spawn("sleep", ["30"]);
    const stranger = spawn("sleep", ["30"]);
    const serviceGone = exited(service);
    try {
      // The stranger's pid recorded with another start time: as if the service that had it had
      // stopped and the pid had been handed to a new process.
      const started = processStartTime(stranger.pid!)!;
      guard(parent.pid!, [
        { pid: service.pid!, started: processStartTime(service.pid!)! },
        { pid: stranger.pid!, started: String(Number(started) - 1) },
      ]);
      expect(await serviceGone).toBe("SIGTERM");
      await new Promise((r) => setTimeout(r, 300));
      expect(alive(stranger.pid!)).toBe(true);
    } finally {
      service.kill("SIGKILL");
      stranger.kill("SIGKILL");
    }
  }, 15_000);

  it("reads a process's start time, and null for one that is gone", async () => {
    expect(processStartTime(process.pid)).toMatch(/^\d+$/);
    const c = spawn("true");
    await exited(c);
    expect(processStartTime(c.pid!)).toBeNull();
  });
});
