// Unique-key races: what two people (or two tabs) do at the same moment is all stored.
import { describe, expect, it } from "vitest";
import { Client, demo } from "../helpers/http";
import { db, fullForm, unique } from "./practice-fixtures";
import { Practice } from "../../models/practice.server";
import { Space } from "../../models/space.server";
import { consumeRateLimit } from "../../models/rate-limit.server";

describe("unique-key races", () => {
  it("drafts saved at once with the same title are all stored, with distinct slugs", async () => {
    await db();
    const title = `Same title at once ${unique()}`;
    const clients = await Promise.all([demo.member, demo.member2, demo.member].map((e) => new Client().login(e)));
    const res = await Promise.all(clients.map((c) => c.post("/practices/new", { ...fullForm(title), intent: "save" })));
    expect(res.map((r) => r.status)).toEqual([302, 302, 302]);
    const stored = await Practice.find({ title }).select("slug").lean();
    expect(stored).toHaveLength(3);
    expect(new Set(stored.map((p) => p.slug)).size).toBe(3);
  });

  it("spaces created at once with the same slug are all created, the later ones with the next free slug", async () => {
    await db();
    const slug = `race-${unique()}`;
    const admins = await Promise.all([1, 2, 3].map(() => new Client().login(demo.admin)));
    const res = await Promise.all(
      admins.map((c, i) => c.post("/spaces/new", { title: `Race space ${i}`, slug, description: "", audience: "", languages: "en", opensAt: "", closesAt: "", moderators: "" })),
    );
    for (const r of res) expect([302, 400]).toContain(r.status); // 400: the slug was already taken when it was checked
    const created = await Space.find({ slug: new RegExp(`^${slug}(-\\d+)?$`) }).lean();
    expect(created.length).toBe(res.filter((r) => r.status === 302).length);
    expect(new Set(created.map((s) => s.slug)).size).toBe(created.length);
  });

  it("parallel first attempts on a rate counter all succeed (the losing upsert retries)", async () => {
    await db();
    for (let round = 0; round < 5; round++) {
      const key = `race:${unique()}`;
      const results = await Promise.all(Array.from({ length: 8 }, () => consumeRateLimit(key, 100, 60_000)));
      expect(results).toHaveLength(8);
      for (const r of results) expect(r.count).toBeGreaterThanOrEqual(1);
      expect(Math.max(...results.map((r) => r.count))).toBeGreaterThan(1);
    }
  });
});
