// Summaries of a V8 `.cpuprofile` (from `node --cpu-prof`): self time by function and by
// package, and inclusive time by function, optionally restricted to a window of samples.
import path from "node:path";

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
export type CpuProfile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

export type Row = { name: string; ms: number; share: number };
export type Summary = {
  totalMs: number;
  busyMs: number;
  selfByFunction: Row[];
  selfByPackage: Row[];
  inclusiveByFunction: Row[];
  /** Inclusive time of the `watch` function names (module loading, file reads). */
  watched: Row[];
};

/** Where a frame comes from: an npm package, a Node internal, the app build, V8 itself. */
export function packageOf(frame: CallFrame, root: string): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:internal/deps/")) return "node:" + url.slice(19).split("/")[0];
  if (url.startsWith("node:")) return url.replace(/\.js$/, "");
  const file = url.startsWith("file://") ? decodeURIComponent(new URL(url).pathname) : url;
  const nm = file.lastIndexOf("/node_modules/");
  if (nm >= 0) {
    const parts = file.slice(nm + 14).split("/");
    return parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  return path.relative(root, file) || file;
}

function label(frame: CallFrame, root: string): string {
  const name = frame.functionName || "(anonymous)";
  if (!frame.url) return name;
  return `${name} ${packageOf(frame, root)}:${frame.lineNumber + 1}`;
}

const idle = new Set(["(idle)", "(program)"]);

/**
 * Sums the samples whose timestamps (µs, the profile's monotonic clock) fall in [from, to).
 * `busyMs` leaves out (idle) and (program); shares are of busy time.
 */
export function summarise(profile: CpuProfile, root: string, opts: { from?: number; to?: number; top?: number; watch?: string[] } = {}): Summary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  let t = profile.startTime;
  let totalUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (opts.from !== undefined && t < opts.from) continue;
    if (opts.to !== undefined && t >= opts.to) continue;
    // A sample's weight is the time until the next one (the last sample weighs like its predecessor).
    const next = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + next);
    totalUs += next;
  }
  const fnSelf = new Map<string, number>();
  const pkgSelf = new Map<string, number>();
  const fnIncl = new Map<string, number>();
  let busyUs = 0;
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    if (idle.has(node.callFrame.functionName) && !node.callFrame.url) continue;
    busyUs += us;
    const l = label(node.callFrame, root);
    fnSelf.set(l, (fnSelf.get(l) ?? 0) + us);
    const p = packageOf(node.callFrame, root);
    pkgSelf.set(p, (pkgSelf.get(p) ?? 0) + us);
    // Inclusive: every distinct function on the stack gets the sample once.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame;
      if (f.functionName === "(root)") break;
      const fl = label(f, root);
      if (seen.has(fl)) continue;
      seen.add(fl);
      fnIncl.set(fl, (fnIncl.get(fl) ?? 0) + us);
    }
  }
  const top = opts.top ?? 25;
  const rows = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, share: busyUs ? us / busyUs : 0 }));
  const watch = new Set(opts.watch ?? []);
  const watched = new Map<string, number>();
  for (const [l, us] of fnIncl) {
    const name = l.split(" ")[0];
    if (watch.has(name)) watched.set(l, us);
  }
  return {
    totalMs: totalUs / 1000,
    busyMs: busyUs / 1000,
    selfByFunction: rows(fnSelf),
    selfByPackage: rows(pkgSelf),
    inclusiveByFunction: rows(fnIncl),
    watched: rows(watched),
  };
}

export function table(title: string, rows: Row[], perRequest?: number): string {
  const head = perRequest ? `| ${title} | ms | ms/request | share |\n|---|---:|---:|---:|` : `| ${title} | ms | share |\n|---|---:|---:|`;
  const body = rows.map((r) =>
    perRequest
      ? `| ${r.name.replace(/\|/g, "\\|")} | ${r.ms.toFixed(1)} | ${(r.ms / perRequest).toFixed(2)} | ${(r.share * 100).toFixed(1)} % |`
      : `| ${r.name.replace(/\|/g, "\\|")} | ${r.ms.toFixed(1)} | ${(r.share * 100).toFixed(1)} % |`,
  );
  return [head, ...body].join("\n");
}
