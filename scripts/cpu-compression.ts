// Compression cost per response (issue 11): fetches real pages from a running hub (uncompressed),
// then compresses each with several settings, the way the `compression` middleware does — one
// zlib/brotli stream per response, written in chunks with a flush after each (as Remix does after
// every chunk it reads) — and prints CPU ms per response and bytes on the wire.
//
//   node_modules/.bin/tsx scripts/cpu-compression.ts [--base http://localhost:3350] [--runs 50] [--rounds 7]
import { once } from "node:events";
import zlib from "node:zlib";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const base = arg("base", "http://localhost:3350");
const runs = Number(arg("runs", "50"));

async function body(path: string): Promise<Buffer> {
  const r = await fetch(base + path, { headers: { "accept-encoding": "identity" } });
  if (!r.ok) throw new Error(`${path}: ${r.status}`);
  return Buffer.from(await r.arrayBuffer());
}
const list = JSON.parse((await body("/api/v1/practices?perPage=1")).toString()) as { hits: { slug: string }[] };
const pages: [string, Buffer][] = [
  ["home", await body("/")],
  ["practice page", await body(`/practices/${list.hits[0].slug}`)],
  ["search page", await body("/search?q=health")],
  ["search API", await body("/api/v1/search?q=health")],
];

type Setting = { name: string; make: () => zlib.Gzip | zlib.BrotliCompress };
const brotli = (q: number) => () => zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: q } });
const settings: Setting[] = [
  { name: "gzip level 1", make: () => zlib.createGzip({ level: 1 }) },
  { name: "gzip level 4", make: () => zlib.createGzip({ level: 4 }) },
  { name: "gzip level 6 (default)", make: () => zlib.createGzip({ level: 6 }) },
  { name: "brotli quality 1", make: brotli(1) },
  { name: "brotli quality 3", make: brotli(3) },
  { name: "brotli quality 4 (compression's default)", make: brotli(4) },
  { name: "brotli quality 5", make: brotli(5) },
];

/** One response: `chunks` writes, each followed by a flush, then end; resolves to the output size. */
async function compress(make: Setting["make"], buf: Buffer, chunk: number): Promise<number> {
  const z = make();
  let size = 0;
  z.on("data", (c: Buffer) => (size += c.length));
  for (let i = 0; i < buf.length; i += chunk) {
    z.write(buf.subarray(i, i + chunk));
    await new Promise<void>((r) => z.flush(() => r()));
  }
  z.end();
  await once(z, "end");
  return size;
}

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

// The machine is shared: settings are measured in interleaved rounds and each cell is the median
// of the rounds, so a burst of load elsewhere hits every setting alike.
const rounds = Number(arg("rounds", "7"));
const modes = [
  { name: "one flush per 2 KiB piece (how React's pieces reached the compressor before)", chunk: () => 2048, settings: settings.filter((s) => /default/.test(s.name)) },
  { name: "one flush per response", chunk: (b: Buffer) => b.length, settings },
];
const cells = new Map<string, { ms: number[]; size: number }>();
for (let r = 0; r < rounds; r++) {
  for (const m of modes)
    for (const s of m.settings)
      for (const [page, b] of pages) {
        if (r === 0) for (let i = 0; i < 10; i++) await compress(s.make, b, m.chunk(b)); // warm-up
        const c0 = cpu();
        let size = 0;
        for (let i = 0; i < runs; i++) size = await compress(s.make, b, m.chunk(b));
        const key = `${m.name}|${s.name}|${page}`;
        const cell = cells.get(key) ?? { ms: [], size };
        cell.ms.push((cpu() - c0) / runs);
        cells.set(key, cell);
      }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`CPU ms per response (whole process, zlib thread pool included; median of ${rounds} rounds of ${runs}) / bytes\n`);
for (const m of modes) {
  console.log(`### ${m.name}\n`);
  console.log(`| setting | ${pages.map(([n, b]) => `${n} (${b.length} B)`).join(" | ")} |`);
  console.log(`|---|${pages.map(() => "---:").join("|")}|`);
  for (const s of m.settings) {
    const row = pages.map(([page]) => {
      const c = cells.get(`${m.name}|${s.name}|${page}`)!;
      return `${median(c.ms).toFixed(2)} ms / ${c.size} B`;
    });
    console.log(`| ${s.name} | ${row.join(" | ")} |`);
  }
  console.log("");
}
