// Every page type, in English, French and Spanish, signed out and signed in, is strict UTF-8 with
// no NUL byte: the streamed renderer once wrote unfilled buffer bytes at 2 KiB boundaries
// (decision 011). Long accented content makes boundary-straddling characters certain.
import { beforeAll, describe, expect, it } from "vitest";
import { Client } from "../helpers/http";
import { aPublishedPractice, as, newThread, reply, threadIdFrom, unique } from "./discussion-fixtures";

const strict = new TextDecoder("utf-8", { fatal: true });
const accented = Array.from({ length: 60 }, (_, i) => `Pour les pays d'origine et de destination, ${"é".repeat(1 + (i % 3))} — países, niños, acción ${i} · ${"ü".repeat(i % 4)}`).join(" ");

let threadId = "";
let slug = "";
let member: Client;
let moderator: Client;

beforeAll(async () => {
  member = await as("member");
  moderator = await as("moderator");
  slug = (await aPublishedPractice()).slug;
  threadId = threadIdFrom(await newThread(member, { title: unique("Échanges sur la réintégration des migrants de retour"), body: accented }));
  await reply(member, threadId, `Réponse détaillée : ${accented}`);
});

const pages = () => [
  "/",
  "/practices",
  `/practices/${slug}`,
  `/practices/${slug}/history`,
  "/search?q=migraci%C3%B3n",
  "/threads",
  `/threads/${threadId}`,
  "/spaces",
  "/objectives",
  "/objectives/16",
  "/regions",
  "/regions/americas",
  "/login",
  "/register",
  "/no-such-page-%C3%A9",
];
const signedIn = ["/me", "/me/practices", "/practices/new", "/notifications"];
const moderatorPages = ["/moderation", "/moderation/reports"];

async function check(c: Client, path: string, lng: string) {
  const res = await c.get(`${path}${path.includes("?") ? "&" : "?"}lng=${lng}`);
  expect([200, 404], `${path} (${lng})`).toContain(res.status);
  const bytes = Buffer.from(await res.arrayBuffer());
  expect(bytes.indexOf(0), `NUL byte in ${path} (${lng})`).toBe(-1);
  expect(() => strict.decode(bytes), `invalid UTF-8 in ${path} (${lng})`).not.toThrow();
  return bytes.length;
}

describe("every page is valid UTF-8 without NUL bytes", () => {
  for (const lng of ["en", "fr", "es"]) {
    it(`signed out, in ${lng}`, async () => {
      const anon = new Client();
      let total = 0;
      for (const p of pages()) total += await check(anon, p, lng);
      expect(total).toBeGreaterThan(100_000); // enough text to cross many buffer boundaries
    });
    it(`signed in as member and moderator, in ${lng}`, async () => {
      const forVisitors = ["/login", "/register"]; // signed in, these redirect
      for (const p of [...pages().filter((p) => !forVisitors.includes(p)), ...signedIn]) await check(member, p, lng);
      for (const p of moderatorPages) await check(moderator, p, lng);
    });
  }
});
