// An organization's page with many practices in the store (decision 044). Opt-in:
// HUB_ORG_SCALE=10000 TEST_PORT=… npm test -- tests/integration/organizations-scale.test.ts
// inserts n published practices spread over 500 organizations (straight into the store, not the
// outbox), then times the page's lookup (an indexed equality on organizationIds) against what
// a lookup by spelling would need (a case-insensitive pattern on organizations, a full scan).
import mongoose, { Types } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../helpers/http";
import { db } from "./practice-fixtures";
import { Organization, findOrCreateOrganization } from "../../models/organization.server";
import { Practice } from "../../models/practice.server";

const N = Number(process.env.HUB_ORG_SCALE ?? 0);
const PREFIX = "scale-org-";
const ORGS = 500;

async function timed<T>(run: () => Promise<T>, times = 5): Promise<{ ms: number; result: T }> {
  let best = Infinity;
  let result!: T;
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    result = await run();
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: Math.round(best), result };
}

describe.skipIf(!N)(`an organization among ${N} practices`, () => {
  let orgIds: Types.ObjectId[] = [];
  beforeAll(async () => {
    await db();
    const orgs = [];
    for (let i = 0; i < ORGS; i++) orgs.push(await findOrCreateOrganization(`Scale Organization ${i}`));
    orgIds = orgs.map((o) => o._id);
    const owner = new Types.ObjectId();
    await Practice.collection.deleteMany({ slug: { $regex: `^${PREFIX}` } });
    for (let i = 0; i < N; i += 2000) {
      const docs = Array.from({ length: Math.min(2000, N - i) }, (_, k) => {
        const n = i + k;
        return {
          slug: `${PREFIX}${n}`,
          ownerId: owner,
          status: Math.floor(n / ORGS) % 4 === 3 ? "draft" : "published",
          reviewStatus: Math.floor(n / ORGS) % 4 === 3 ? "draft" : "published",
          language: "en",
          title: `Scale org practice ${n}`,
          summary: "A practice inserted to time an organization page.",
          objectives: [3],
          regions: ["Africa"],
          countries: ["SN"],
          organizations: [`Scale Organization ${n % ORGS}`],
          organizationIds: [orgIds[n % ORGS]],
          publishedAt: new Date(),
          createdAt: new Date(),
          updatedAt: new Date(),
          version: 1,
        };
      });
      await Practice.collection.insertMany(docs, { ordered: false });
    }
  }, 1_800_000);

  afterAll(async () => {
    await Practice.collection.deleteMany({ slug: { $regex: `^${PREFIX}` } });
    await Organization.deleteMany({ nameKey: { $regex: "^scaleorganization" } });
    await mongoose.disconnect();
  }, 600_000);

  it("the page's lookup is an indexed equality, far faster than matching spellings", async () => {
    const target = orgIds[7];
    const byId = await timed(() => Practice.find({ organizationIds: target, status: "published" }).select("slug").lean());
    const byName = await timed(() => Practice.find({ organizations: { $regex: /^scale organization 7$/i }, status: "published" }).select("slug").lean());
    const expected = Math.floor(N / ORGS) - Math.floor(N / ORGS / 4);
    expect(Math.abs(byId.result.length - expected)).toBeLessThanOrEqual(2);
    expect(byName.result.length).toBe(byId.result.length);
    const slug = (await Organization.findById(target).lean())!.slug;
    const page = await timed(async () => (await new Client().get(`/organizations/${slug}`)).status, 3);
    expect(page.result).toBe(200);
    console.log(`[org-scale] n=${N}: organizationIds equality ${byId.ms} ms, case-insensitive pattern on names ${byName.ms} ms, page ${page.ms} ms (${byId.result.length} practices)`);
  }, 600_000);
});
