import { describe, expect, it } from "vitest";
import { parseQuery } from "./filters.server";

const parse = (qs: string) => parseQuery(new URLSearchParams(qs), { keys: ["objective", "region", "country", "lang"], extra: ["q"] });

describe("filter allowlist", () => {
  it("accepts taxonomy values and repeats as OR", () => {
    const r = parse("objective=3&objective=20&region=Africa&country=ke&q=x");
    expect(r.invalid).toEqual([]);
    expect(r.filters.objective).toEqual([3, 20]);
    expect(r.filters.country).toEqual(["KE"]);
  });
  it("refuses injection-shaped and unknown values", () => {
    expect(parse('objective=1 OR 1=1').invalid).toEqual(["objective"]);
    expect(parse('region=Africa"').invalid).toEqual(["region"]);
    expect(parse("region[$ne]=x").invalid).toEqual(["region[$ne]"]);
    expect(parse("page=0&perPage=100000").invalid).toEqual(["page", "perPage"]);
  });
  it("treats a blank choice as no filter, as a form's 'any' option posts it", () => {
    const r = parse("objective=&country=%20&region=Africa");
    expect(r.invalid).toEqual([]);
    expect(r.filters.objective).toEqual([]);
    expect(r.filters.country).toEqual([]);
    expect(r.filters.region).toEqual(["Africa"]);
  });
});

describe("search parameters", () => {
  const search = (qs: string) =>
    parseQuery(new URLSearchParams(qs), { keys: ["objective", "type", "year"], text: { maxLength: 200 }, sorts: ["relevance", "newest"], maxPerPage: 100 });
  it("accepts q and sort", () => {
    const r = search("q=%20remittances%20&sort=newest&type=thread&year=2021");
    expect(r).toMatchObject({ q: "remittances", sort: "newest", invalid: [] });
    expect(r.filters.type).toEqual(["thread"]);
    expect(r.filters.year).toEqual([2021]);
    expect(search("").sort).toBe("relevance");
  });
  it("refuses a long query and an unknown sort", () => {
    expect(search(`q=${"a".repeat(201)}`).invalid).toEqual(["q"]);
    expect(search(`q=${"a".repeat(10_000)}`).invalid).toEqual(["q"]);
    expect(search("sort=price").invalid).toEqual(["sort"]);
    expect(search("type=user").invalid).toEqual(["type"]);
  });
});
