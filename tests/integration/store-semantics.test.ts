// What the hub relies on from its store, on FerretDB (patched, decision 015) exactly as on MongoDB:
// concurrent updates of one document are never lost, and equality filters match what MongoDB
// matches — arrays, escaped strings, ObjectIds, $in — whatever the store pushes down.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MongoClient, ObjectId, type Collection, type Document } from "mongodb";

let client: MongoClient;
let coll: Collection<Document>;
let ferret = false;

beforeAll(async () => {
  client = new MongoClient(process.env.MONGODB_URI!);
  await client.connect();
  const db = client.db();
  const info = await db.command({ buildInfo: 1 });
  ferret = JSON.stringify(info).toLowerCase().includes("ferretdb");
  coll = db.collection(`store_semantics_${Date.now()}`);
  await coll.createIndex({ slug: 1 });
  await coll.createIndex({ tags: 1 });
});

afterAll(async () => {
  await coll.drop().catch(() => {});
  await client.close();
});

describe("concurrent single-document updates", () => {
  it("50 concurrent $inc and 50 concurrent $push on one document lose none", async () => {
    const { insertedId } = await coll.insertOne({ n: 0, items: [] });
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => [
        coll.updateOne({ _id: insertedId }, { $inc: { n: 1 } }),
        coll.updateOne({ _id: insertedId }, { $push: { items: i } as Document }),
      ]).flat(),
    );
    const doc = await coll.findOne({ _id: insertedId });
    expect(doc?.n).toBe(50);
    expect([...(doc?.items as number[])].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it("50 concurrent findOneAndUpdate $inc each see a distinct count", async () => {
    const { insertedId } = await coll.insertOne({ counter: 0 });
    const seen = await Promise.all(
      Array.from({ length: 50 }, () => coll.findOneAndUpdate({ _id: insertedId }, { $inc: { counter: 1 } }, { returnDocument: "after" })),
    );
    expect(new Set(seen.map((d) => d?.counter)).size).toBe(50);
    expect((await coll.findOne({ _id: insertedId }))?.counter).toBe(50);
  });

  it("findOneAndUpdate returns the changed document with its projection applied", async () => {
    const { insertedId } = await coll.insertOne({ roles: ["member"], secret: "hash", version: 0 });
    const after = await coll.findOneAndUpdate({ _id: insertedId }, { $addToSet: { roles: "moderator" }, $inc: { version: 1 } }, { returnDocument: "after", projection: { secret: 0 } });
    expect(after).toEqual({ _id: insertedId, roles: ["member", "moderator"], version: 1 });
    const only = await coll.findOneAndUpdate({ _id: insertedId }, { $inc: { version: 1 } }, { returnDocument: "before", projection: { version: 1 } });
    expect(only).toEqual({ _id: insertedId, version: 1 });
    expect((await coll.findOne({ _id: insertedId }))?.secret).toBe("hash");
  });

  it("a conditional state transition applies once when raced", async () => {
    const { insertedId } = await coll.insertOne({ state: "submitted", version: 1 });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        coll.updateOne({ _id: insertedId, state: "submitted", version: 1 }, { $set: { state: "published", by: i }, $inc: { version: 1 } }),
      ),
    );
    expect(results.reduce((s, r) => s + r.modifiedCount, 0)).toBe(1);
    expect((await coll.findOne({ _id: insertedId }))?.version).toBe(2);
  });
});

describe("equality filters", () => {
  const id = new ObjectId();
  const owner = new ObjectId();
  beforeAll(async () => {
    await coll.insertMany([
      { case: "eq", slug: "plain-slug", tags: "solo", ownerId: owner, held: true },
      { case: "eq", slug: "a<b>&c", tags: ["x", "solo"], ownerId: id, held: false },
      { case: "eq", slug: "café \"quoted\" \u2028 ok", tags: [{ v: "solo" }], held: true },
      { case: "eq", slug: "PLAIN-SLUG", tags: { solo: 1 } },
      { case: "eq", tags: [] },
    ]);
  });
  const count = (filter: Document) => coll.countDocuments({ case: "eq", ...filter });
  const find = async (filter: Document) => (await coll.find({ case: "eq", ...filter }).toArray()).length;

  it("match scalar values and array elements, and nothing else", async () => {
    expect(await find({ slug: "plain-slug" })).toBe(1);
    expect(await find({ slug: "a<b>&c" })).toBe(1);
    expect(await find({ slug: "café \"quoted\" \u2028 ok" })).toBe(1);
    expect(await find({ slug: "missing" })).toBe(0);
    expect(await find({ tags: "solo" })).toBe(2); // the scalar and the array element, not the array of objects or the object
    expect(await find({ tags: "x" })).toBe(1);
    expect(await find({ tags: { $eq: "solo" } })).toBe(2);
    expect(await count({ tags: { $in: ["x", "nope"] } })).toBe(1);
    expect(await count({ slug: { $in: ["plain-slug", "a<b>&c", "PLAIN-SLUG"] } })).toBe(3);
    expect(await find({ ownerId: owner })).toBe(1);
    expect(await find({ ownerId: id, held: false })).toBe(1);
    expect(await find({ held: true })).toBe(2);
    expect(await find({ held: true, slug: "plain-slug" })).toBe(1);
    expect(await find({ held: true, slug: { $ne: "plain-slug" } })).toBe(1);
  });

  it("matches several _id values at once, and an empty $in matches nothing", async () => {
    const ids = (await coll.find({ case: "eq" }).project({ _id: 1 }).toArray()).map((d) => d._id);
    expect(await find({ _id: { $in: ids.slice(0, 3) } })).toBe(3);
    expect(await find({ _id: { $in: [ids[0], new ObjectId()] } })).toBe(1);
    expect(await find({ _id: { $in: [ids[1]] }, held: true })).toBe(0);
    expect(await find({ _id: { $in: [] } })).toBe(0);
    expect(await find({ slug: { $in: [] } })).toBe(0);
    expect(await count({ tags: { $in: [] } })).toBe(0);
  });

  it("looks up several _id values on the _id index, not by a scan (FerretDB's SQLite plan)", async () => {
    if (!ferret) return;
    const plan = await client.db().command({ explain: { find: coll.collectionName, filter: { _id: { $in: [new ObjectId(), new ObjectId()] } } } });
    const text = JSON.stringify(plan);
    expect(text).toContain("USING INDEX");
    expect(text).not.toMatch(/"SCAN [^"]*"/);
  });

  it("updates and deletes select the same documents", async () => {
    expect((await coll.updateMany({ case: "eq", tags: "solo" }, { $set: { touched: true } })).modifiedCount).toBe(2);
    expect(await find({ touched: true })).toBe(2);
    expect((await coll.deleteMany({ case: "eq", slug: "PLAIN-SLUG" })).deletedCount).toBe(1);
    expect(await find({})).toBe(4);
  });

  it("a lookup by an indexed field uses the index (FerretDB's SQLite plan)", async () => {
    if (!ferret) return; // MongoDB: the index is used by design
    const plan = await client.db().command({ explain: { find: coll.collectionName, filter: { slug: "plain-slug" } } });
    const text = JSON.stringify(plan);
    expect(text).toContain("USING INDEX");
    expect(text).not.toMatch(/"SCAN [^"]*"/);
  });
});

describe("null equality (FerretDB pushes {f: null} down to SQLite, decision 052)", () => {
  beforeAll(async () => {
    await coll.createIndex({ seenAt: 1 });
    await coll.insertMany([
      { case: "null", k: 1, seenAt: null },
      { case: "null", k: 2 },
      { case: "null", k: 3, seenAt: [null] },
      { case: "null", k: 4, seenAt: [1, null] },
      { case: "null", k: 5, seenAt: new Date() },
      { case: "null", k: 6, seenAt: "null" },
      { case: "null", k: 7, seenAt: ["null"] },
      { case: "null", k: 8, seenAt: [] },
      { case: "null", k: 9, seenAt: { at: null } },
      { case: "null", k: 10, seenAt: 0 },
      { case: "null", k: 11, seenAt: false },
    ]);
  });
  const ks = async (filter: Document) => (await coll.find({ case: "null", ...filter }).toArray()).map((d) => d.k as number).sort((a, b) => a - b);

  it("matches null, a missing field and arrays holding null, and nothing else, as MongoDB does", async () => {
    expect(await ks({ seenAt: null })).toEqual([1, 2, 3, 4]);
    expect(await ks({ seenAt: { $eq: null } })).toEqual([1, 2, 3, 4]);
    expect(await coll.countDocuments({ case: "null", seenAt: null })).toBe(4);
    expect(await ks({ seenAt: { $ne: null } })).toEqual([5, 6, 7, 8, 9, 10, 11]);
    expect(await ks({ seenAt: null, k: { $gt: 2 } })).toEqual([3, 4]);
  });

  it("updates select the same documents", async () => {
    expect((await coll.updateMany({ case: "null", seenAt: null }, { $set: { flagged: true } })).matchedCount).toBe(4);
    expect(await ks({ flagged: true })).toEqual([1, 2, 3, 4]);
  });

  it("a lookup of an indexed field's null uses the index (FerretDB's SQLite plan)", async () => {
    if (!ferret) return; // MongoDB: the index is used by design
    const plan = await client.db().command({ explain: { find: coll.collectionName, filter: { seenAt: null } } });
    const text = JSON.stringify(plan);
    expect(text).toContain("USING INDEX");
    expect(text).not.toMatch(/"SCAN [^"]*"/);
  });
});

describe("projections and counts (FerretDB reads only the fields a query needs, decision 055)", () => {
  const rich = () => ({
    case: "proj",
    big: "x".repeat(5000),
    n: 0.1 + 0.2,
    neg: -0,
    huge: 1e308,
    tiny: 5e-324,
    long: 2 ** 53 - 1,
    when: new Date(1700000000123),
    nothing: null,
    arr: [1, "two", { three: 3 }],
    nested: { p: { q: 1, r: "s" }, t: [1, 2] },
    text: 'é "quoted" \\ \u2028 <b>',
  });
  beforeAll(async () => {
    await coll.insertMany([
      { ...rich(), k: 1, owner: "a", rank: 3 },
      { ...rich(), k: 2, owner: "a", rank: 1, nested: { p: null } },
      { case: "proj", k: 3, owner: "b", rank: 2 },
      { case: "proj", k: 4, owner: "a", rank: 2, arr: [] },
    ]);
  });
  /** The projection MongoDB would apply to the full documents: the listed top-level fields
   *  (a dotted path keeps the sub-field), _id unless excluded. */
  const byHand = (docs: Document[], fields: string[], withId = true) =>
    docs.map((d) => {
      const out: Document = withId ? { _id: d._id } : {};
      for (const f of fields) {
        const [top, sub] = f.split(".");
        if (!(top in d)) continue;
        if (sub === undefined) out[top] = d[top];
        else if (d[top] && typeof d[top] === "object" && !Array.isArray(d[top]) && sub in d[top]) out[top] = { ...(out[top] ?? {}), [sub]: d[top][sub] };
      }
      return out;
    });

  it("a projected find returns exactly the fields, values and order of the whole documents", async () => {
    const full = await coll.find({ case: "proj" }).sort({ k: 1 }).toArray();
    const fields = ["n", "neg", "huge", "tiny", "long", "when", "nothing", "arr", "text", "missing", "nested.p"];
    const projected = await coll
      .find({ case: "proj" }, { projection: Object.fromEntries(fields.map((f) => [f, 1])) })
      .sort({ k: 1 })
      .toArray();
    expect(projected).toEqual(byHand(full, fields));
    expect(Object.is(projected[0].neg, full[0].neg)).toBe(true);
    expect(projected[0].n).toBe(0.1 + 0.2);
    expect(Object.keys(projected[0])).toEqual(["_id", "n", "neg", "huge", "tiny", "long", "when", "nothing", "arr", "nested", "text"]);
  });

  it("filters and sorts on fields the projection leaves out, and pages them", async () => {
    const page = await coll.find({ case: "proj", owner: "a", rank: { $gte: 1 } }, { projection: { k: 1, _id: 0 } }).sort({ rank: -1, k: 1 }).skip(1).limit(2).toArray();
    expect(page).toEqual([{ k: 4 }, { k: 2 }]);
    const viaOr = await coll.find({ $or: [{ case: "proj", "nested.p.q": 1 }, { case: "proj", owner: "b" }] }, { projection: { k: 1, _id: 0 } }).sort({ k: 1 }).toArray();
    expect(viaOr).toEqual([{ k: 1 }, { k: 3 }]);
    const sized = await coll.find({ case: "proj", arr: { $size: 0 } }, { projection: { k: 1, _id: 0 } }).toArray();
    expect(sized).toEqual([{ k: 4 }]);
  });

  it("exclusions and deep paths still see the whole document or field", async () => {
    const excluded = await coll.find({ case: "proj", k: 1 }, { projection: { big: 0, case: 0 } }).toArray();
    expect(excluded[0].nested).toEqual({ p: { q: 1, r: "s" }, t: [1, 2] });
    expect(excluded[0].big).toBeUndefined();
    const withoutId = await coll.find({ case: "proj", k: 1 }, { projection: { _id: 0 } }).toArray();
    const whole = await coll.findOne({ case: "proj", k: 1 });
    const { _id, ...rest } = whole!;
    void _id;
    expect(withoutId).toEqual([rest]);
    const deep = await coll.find({ case: "proj", k: 1 }, { projection: { "nested.p.q": 1, _id: 0 } }).toArray();
    expect(deep).toEqual([{ nested: { p: { q: 1 } } }]);
  });

  it("counts match what a find returns, with and without skip and limit", async () => {
    expect(await coll.countDocuments({ case: "proj" })).toBe(4);
    expect(await coll.countDocuments({ case: "proj", owner: "a" })).toBe(3);
    expect(await coll.countDocuments({ case: "proj", owner: "a", rank: { $lt: 3 } })).toBe(2);
    expect(await coll.countDocuments({ case: "proj", "nested.p": null })).toBe(3);
    expect(await coll.countDocuments({ case: "proj", $or: [{ owner: "b" }, { k: 1 }] })).toBe(2);
    expect(await coll.countDocuments({ case: "proj" }, { skip: 1, limit: 2 })).toBe(2);
    const grouped = await coll.aggregate([{ $match: { case: "proj" } }, { $group: { _id: "$owner", n: { $sum: 1 } } }, { $sort: { _id: 1 } }]).toArray();
    expect(grouped).toEqual([{ _id: "a", n: 3 }, { _id: "b", n: 1 }]);
  });
});

describe("sorting (FerretDB pushes sorts on top-level fields down to SQLite, decision 051)", () => {
  // MongoDB's order of types: null and missing < numbers < strings < objects < ObjectIds <
  // booleans < dates; within a type numbers by value, strings by their bytes.
  const oid1 = new ObjectId("000000000000000000000001");
  const oid2 = new ObjectId("ffffffffffffffffffffff00");
  const ordered: Array<[string, unknown]> = [
    ["missing", undefined],
    ["null", null],
    ["minus one", -1],
    ["two and a half", 2.5],
    ["three", 3],
    ["big", 2 ** 40],
    ["B", "B"],
    ["a", "a"],
    ["é", "é"],
    ["oid1", oid1],
    ["oid2", oid2],
    ["false", false],
    ["true", true],
    ["1970", new Date(0)],
    ["2026", new Date("2026-12-05T00:00:00Z")],
  ];
  const collections: Collection<Document>[] = [];
  const fresh = async (docs: Document[]) => {
    const c = client.db().collection(`store_sort_${Date.now()}_${collections.length}`);
    collections.push(c);
    // inserted out of order, so an order that only follows insertion fails
    await c.insertMany([...docs].reverse());
    return c;
  };
  afterAll(async () => {
    for (const c of collections) await c.drop().catch(() => {});
  });
  const names = (docs: Document[]) => docs.map((d) => d.name as string);
  const withValues = (rows: Array<[string, unknown]>) =>
    rows.map(([name, v], i) => (v === undefined ? { name, i, g: i % 2 } : { name, v, i, g: i % 2 }));

  it("orders values of every type as MongoDB does, both ways, with a tie-break", async () => {
    const c = await fresh(withValues(ordered));
    const asc = names(await c.find({}).sort({ v: 1, i: 1 }).toArray());
    // null and missing are equal: the tie-break on i orders them
    expect(asc).toEqual(ordered.map(([n]) => n));
    expect(names(await c.find({}).sort({ v: -1, i: -1 }).toArray())).toEqual(ordered.map(([n]) => n).reverse());
  });

  it("skip and limit cut the sorted list, with and without a filter", async () => {
    const c = await fresh(withValues(ordered));
    const all = ordered.map(([n]) => n);
    expect(names(await c.find({}).sort({ v: 1, i: 1 }).skip(3).limit(4).toArray())).toEqual(all.slice(3, 7));
    const odd = all.filter((_, i) => i % 2 === 1);
    expect(names(await c.find({ g: 1 }).sort({ v: -1, i: 1 }).limit(3).toArray())).toEqual([...odd].reverse().slice(0, 3));
    expect(names(await c.find({ g: 1 }).sort({ v: 1, i: 1 }).skip(2).limit(2).toArray())).toEqual(odd.slice(2, 4));
  });

  it("newest first by date then _id, as the hub's lists ask, across pages", async () => {
    const base = Date.UTC(2026, 0, 1);
    const docs = Array.from({ length: 60 }, (_, i) => ({ _id: new ObjectId(), name: `d${i}`, createdAt: new Date(base + Math.floor(i / 3) * 1000), userId: i % 3 === 0 ? oid1 : oid2 }));
    const c = await fresh(docs);
    const expected = [...docs].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (b._id.toHexString() < a._id.toHexString() ? -1 : 1)).map((d) => d.name);
    const pages: string[] = [];
    for (let p = 0; p < 3; p++) pages.push(...names(await c.find({}).sort({ createdAt: -1, _id: -1 }).skip(p * 20).limit(20).toArray()));
    expect(pages).toEqual(expected);
    const mine = expected.filter((n) => Number(n.slice(1)) % 3 === 0);
    expect(names(await c.find({ userId: oid1 }).sort({ createdAt: -1, _id: -1 }).limit(5).toArray())).toEqual(mine.slice(0, 5));
  });

  it("values SQLite cannot order (objects, arrays) are still sorted as MongoDB sorts them", async () => {
    const c = await fresh(withValues([["null", null], ["s", "s"], ["object", { a: 1 }], ["oid", oid1], ["date", new Date(0)]]));
    expect(names(await c.find({}).sort({ v: 1 }).toArray())).toEqual(["null", "s", "object", "oid", "date"]);
    expect(names(await c.find({}).sort({ v: -1 }).limit(2).toArray())).toEqual(["date", "oid"]);
  });

  // Decision 059: while every value of the sort fields is missing, an ObjectId or a date (or a
  // boolean), FerretDB walks the index in SQL; a value of another kind written later, a filter
  // field that comes to hold an array, a dropped collection — each must still give MongoDB's answer.
  // The census of a field is counted in the background after the first sort asks for it (that
  // sort and any before the count is done take the general path): ask, then let it count.
  const warm = async (c: Collection<Document>, sort: Document, filter: Document = {}) => {
    await c.find(filter).sort(sort).limit(1).toArray();
    await new Promise((r) => setTimeout(r, 100));
  };
  const ids = (n: number) => Array.from({ length: n }, (_, i) => new ObjectId(`${"0".repeat(22)}${(i + 16).toString(16)}`));
  const at = (iso: string) => new Date(iso);

  it("orders missing values, ObjectIds and dates as MongoDB does, both ways, paged", async () => {
    const [a, b, c2, d, e, f] = ids(6);
    const rows = [
      { _id: a, name: "missing" },
      { _id: b, name: "oid", v: oid1 },
      { _id: c2, name: "2026-a", v: at("2026-01-01T00:00:00Z") },
      { _id: d, name: "2026-b", v: at("2026-01-01T00:00:00Z") },
      { _id: e, name: "2027", v: at("2027-06-01T00:00:00Z") },
      { _id: f, name: "oid2", v: oid2 },
    ];
    const c = await fresh(rows);
    await c.createIndex({ v: -1, _id: -1 });
    await warm(c, { v: 1, _id: 1 });
    const asc = ["missing", "oid", "oid2", "2026-a", "2026-b", "2027"];
    expect(names(await c.find({}).sort({ v: 1, _id: 1 }).limit(10).toArray())).toEqual(asc);
    expect(names(await c.find({}).sort({ v: -1, _id: -1 }).limit(10).toArray())).toEqual([...asc].reverse());
    expect(names(await c.find({}).sort({ v: -1, _id: -1 }).skip(2).limit(2).toArray())).toEqual(["2026-a", "oid2"]);
    expect(names(await c.find({}).sort({ _id: -1 }).limit(3).toArray())).toEqual(["oid2", "2027", "2026-b"]);
  });

  it("a value of another kind written after a sorted page is placed where MongoDB places it", async () => {
    const rows = ids(4).map((_id, i) => ({ _id, name: `d${i}`, v: at(`202${i}-01-01T00:00:00Z`) }));
    const c = await fresh(rows);
    await c.createIndex({ v: -1, _id: -1 });
    await warm(c, { v: -1, _id: -1 });
    expect(names(await c.find({}).sort({ v: -1, _id: -1 }).limit(2).toArray())).toEqual(["d3", "d2"]);
    // strings sort below dates, null below everything: inserted, then set by an update
    await c.insertOne({ _id: new ObjectId(), name: "string", v: "zzz" });
    await c.updateOne({ name: "d0" }, { $set: { v: null } });
    expect(names(await c.find({}).sort({ v: 1, _id: 1 }).limit(10).toArray())).toEqual(["d0", "string", "d1", "d2", "d3"]);
    expect(names(await c.find({}).sort({ v: -1, _id: -1 }).limit(10).toArray())).toEqual(["d3", "d2", "d1", "string", "d0"]);
    // a date before 2001 (fewer digits) and a number, in a fresh collection counted after them
    const old = await fresh([
      { _id: new ObjectId(), name: "2026", v: at("2026-01-01T00:00:00Z") },
      { _id: new ObjectId(), name: "1999", v: at("1999-01-01T00:00:00Z") },
      { _id: new ObjectId(), name: "1970", v: new Date(0) },
    ]);
    await warm(old, { v: -1 });
    expect(names(await old.find({}).sort({ v: -1 }).limit(5).toArray())).toEqual(["2026", "1999", "1970"]);
    await old.insertOne({ _id: new ObjectId(), name: "number", v: 5 });
    expect(names(await old.find({}).sort({ v: 1 }).limit(5).toArray())).toEqual(["number", "1970", "1999", "2026"]);
  });

  it("booleans with ObjectIds and missing values, and booleans with dates", async () => {
    const [a, b, c2, d] = ids(4);
    const c = await fresh([{ _id: a, name: "true", v: true }, { _id: b, name: "missing" }, { _id: c2, name: "false", v: false }, { _id: d, name: "oid", v: oid1 }]);
    await warm(c, { v: -1, _id: 1 });
    expect(names(await c.find({}).sort({ v: -1, _id: 1 }).limit(5).toArray())).toEqual(["true", "false", "oid", "missing"]);
    await c.insertOne({ _id: new ObjectId(), name: "date", v: at("2026-01-01T00:00:00Z") });
    expect(names(await c.find({}).sort({ v: -1, _id: 1 }).limit(5).toArray())).toEqual(["date", "true", "false", "oid", "missing"]);
  });

  it("an equality on a field that comes to hold an array still matches its elements", async () => {
    const c = await fresh(ids(5).map((_id, i) => ({ _id, name: `d${i}`, owner: i % 2 ? oid1 : oid2, at: at(`202${i}-01-01T00:00:00Z`) })));
    await c.createIndex({ owner: 1, at: -1, _id: -1 });
    await warm(c, { at: -1, _id: -1 }, { owner: oid1 });
    expect(names(await c.find({ owner: oid1 }).sort({ at: -1, _id: -1 }).limit(5).toArray())).toEqual(["d3", "d1"]);
    await c.insertOne({ _id: new ObjectId(), name: "both", owner: [oid2, oid1], at: at("2030-01-01T00:00:00Z") });
    expect(names(await c.find({ owner: oid1 }).sort({ at: -1, _id: -1 }).limit(5).toArray())).toEqual(["both", "d3", "d1"]);
    await c.updateOne({ name: "d0" }, { $set: { owner: [oid1] } });
    expect(names(await c.find({ owner: oid1 }).sort({ at: -1, _id: -1 }).limit(5).toArray())).toEqual(["both", "d3", "d1", "d0"]);
  });

  it("a collection dropped and made again with other values is counted again", async () => {
    const name = `store_sort_again_${Date.now()}`;
    const c = client.db().collection(name);
    collections.push(c);
    await c.insertMany([{ name: "old", v: at("2026-01-01T00:00:00Z") }, { name: "older", v: at("2025-01-01T00:00:00Z") }]);
    await warm(c, { v: -1 });
    expect(names(await c.find({}).sort({ v: -1 }).limit(5).toArray())).toEqual(["old", "older"]);
    await c.drop();
    await c.insertMany([{ name: "two", v: 2 }, { name: "ten", v: 10 }, { name: "date", v: at("2026-01-01T00:00:00Z") }]);
    await warm(c, { v: -1 });
    expect(names(await c.find({}).sort({ v: -1 }).limit(5).toArray())).toEqual(["date", "ten", "two"]);
  });

  it("counts a whole collection exactly, estimated or not", async () => {
    const c = await fresh(withValues(ordered));
    expect(await c.estimatedDocumentCount()).toBe(ordered.length);
    expect(await c.countDocuments({})).toBe(ordered.length);
    expect(await c.countDocuments({ g: 1 })).toBe(7);
    await c.deleteOne({ name: "B" });
    expect(await c.estimatedDocumentCount()).toBe(ordered.length - 1);
    expect(await client.db().collection(`store_sort_none_${Date.now()}`).estimatedDocumentCount()).toBe(0);
  });
});
