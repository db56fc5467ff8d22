// A practice's files (issue 14, item 6; decision 043): checked by content, images re-encoded
// without their metadata, stored in GridFS, served byte-identical with safe headers, private
// until a publication approves them, at most ten, and bad input refused with a field error and
// nothing stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mongoose, { Types } from "mongoose";
import sharp from "sharp";
import { Practice } from "../../models/practice.server";
import { htmlErrors } from "../helpers/browser";
import { Client, demo } from "../helpers/http";
import { db, fullForm, newMemberDraft, unique } from "./practice-fixtures";

let member: Client;
let member2: Client;
let moderator: Client;
const anonymous = new Client();

beforeAll(async () => {
  await db();
  member = await new Client().login(demo.member);
  member2 = await new Client().login(demo.member2);
  moderator = await new Client().login(demo.moderator);
});
afterAll(async () => {
  await mongoose.disconnect();
});

/** A small but real PDF, different every time. */
function pdf(marker = unique()): Uint8Array {
  const body = `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${marker}\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

/** A PNG carrying EXIF text that must not survive the upload. */
async function pngWithExif(secret: string): Promise<Uint8Array> {
  const buf = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .withExif({ IFD0: { Copyright: secret, ImageDescription: secret } })
    .png()
    .toBuffer();
  return new Uint8Array(buf);
}

function uploadForm(name: string, bytes: Uint8Array, fields: Record<string, string> = {}) {
  const f = new FormData();
  f.set("intent", "upload");
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  f.set("file", new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
  return f;
}

const filesOf = async (id: string) => ((await Practice.findById(id).lean()) as { attachments: { fileId: Types.ObjectId; name: string; thumbId: Types.ObjectId | null; alt: string }[]; coverFileId: Types.ObjectId | null });
const gridCount = async (practiceId: string) => mongoose.connection.db!.collection("attachments.files").countDocuments({ "metadata.practiceId": new Types.ObjectId(practiceId) });

async function publish(id: string, title: string) {
  const submit = await member.post(`/practices/${id}/edit`, { ...fullForm(title), intent: "submit" });
  expect(submit.status).toBe(302);
  const res = await moderator.post(`/moderation/practices/${id}`, { action: "publish", comment: "" });
  expect(res.status).toBe(302);
}

describe("uploading files", () => {
  it("stores a PDF that downloads byte-identical, private until published, with safe headers", async () => {
    const title = `Files ${unique()}`;
    const id = await newMemberDraft(member, title);
    const page = await member.get(`/practices/${id}/attachments`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<form[^>]*enctype="multipart\/form-data"/i);
    expect(await htmlErrors(html)).toEqual([]);

    const bytes = pdf();
    const res = await member.postMultipart(`/practices/${id}/attachments`, uploadForm("Évaluation finale 2024.pdf", bytes));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/practices/${id}/attachments?added=1`);
    const [a] = (await filesOf(id)).attachments;
    expect(a.name).toBe("Évaluation finale 2024.pdf");
    const url = `/files/${a.fileId}/${encodeURIComponent(a.name)}`;

    const own = await member.get(url);
    expect(own.status).toBe(200);
    expect(new Uint8Array(await own.arrayBuffer())).toEqual(bytes);
    expect(own.headers.get("content-type")).toBe("application/pdf");
    expect(own.headers.get("content-disposition")).toMatch(/^attachment; filename="_valuation finale 2024.pdf"; filename\*=UTF-8''%C3%89valuation%20finale%202024.pdf$/);
    expect(own.headers.get("x-content-type-options")).toBe("nosniff");
    expect(own.headers.get("content-security-policy")).toContain("sandbox");
    expect(own.headers.get("cache-control")).toContain("no-store");

    // Not public yet: a 404 for anyone but its owner and moderators.
    expect((await anonymous.get(url)).status).toBe(404);
    expect((await member2.get(url)).status).toBe(404);
    expect((await moderator.get(url)).status).toBe(200);
    // Nobody else manages its files.
    expect((await member2.get(`/practices/${id}/attachments`)).status).toBe(404);
    expect((await member2.postMultipart(`/practices/${id}/attachments`, uploadForm("x.pdf", pdf()))).status).toBe(404);

    await publish(id, title);
    const pub = await anonymous.get(url);
    expect(pub.status).toBe(200);
    expect(new Uint8Array(await pub.arrayBuffer())).toEqual(bytes);
    expect(pub.headers.get("cache-control")).toContain("public");
    const slug = (await Practice.findById(id).lean())!.slug;
    const practicePage = await (await anonymous.get(`/practices/${slug}`)).text();
    expect(practicePage).toContain(`href="${url}"`);
    const api = (await (await anonymous.get(`/api/v1/practices/${slug}`)).json()) as { attachments?: { url: string; size: number }[] };
    expect(JSON.stringify(api)).toContain(url);
  });

  it("refuses a PNG renamed .pdf, a refused type and a missing file, storing nothing", async () => {
    const id = await newMemberDraft(member, `Refused ${unique()}`);
    const png = await pngWithExif("x");
    const lying = await member.postMultipart(`/practices/${id}/attachments`, uploadForm("report.pdf", png, { alt: "a picture" }));
    expect(lying.status).toBe(400);
    const html = await lying.text();
    expect(html).toContain("does not match its content");
    expect(html).toContain('value="a picture"'); // the member's text comes back
    expect(await htmlErrors(html)).toEqual([]);

    const script = new TextEncoder().encode("<html><script>alert(1)</script></html>");
    const refused = await member.postMultipart(`/practices/${id}/attachments`, uploadForm("page.html", script));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("This kind of file is not accepted");
    const renamed = await member.postMultipart(`/practices/${id}/attachments`, uploadForm("page.pdf", script));
    expect(renamed.status).toBe(400);

    const none = await member.postMultipart(`/practices/${id}/attachments?lng=fr`, uploadForm("", new Uint8Array()));
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("Choisissez un fichier");
    await member.get("/?lng=en");

    expect((await filesOf(id)).attachments).toEqual([]);
    expect(await gridCount(id)).toBe(0);
  });

  it("refuses a file over 20 MB with a translated error, and a body over the server's limit too", async () => {
    const id = await newMemberDraft(member, `Large ${unique()}`);
    const big = new Uint8Array(20 * 1024 * 1024 + 10);
    big.set(pdf(), 0);
    const over = await member.postMultipart(`/practices/${id}/attachments`, uploadForm("big.pdf", big));
    expect(over.status).toBe(400);
    expect(await over.text()).toContain("larger than 20 MB");
    const huge = new Uint8Array(23 * 1024 * 1024);
    huge.set(pdf(), 0);
    const cut = await member.postMultipart(`/practices/${id}/attachments`, uploadForm("huge.pdf", huge));
    expect(cut.status).toBe(413);
    expect(await cut.text()).toContain("larger than 20 MB");
    expect(await gridCount(id)).toBe(0);
  });

  it("re-encodes images without their metadata, asks for alt text and makes the first the cover", async () => {
    const title = `Images ${unique()}`;
    const id = await newMemberDraft(member, title);
    const secret = `GPS-${unique()}`;
    const png = await pngWithExif(secret);
    expect(Buffer.from(png).includes(secret)).toBe(true);
    const noAlt = await member.postMultipart(`/practices/${id}/attachments`, uploadForm("photo.png", png));
    expect(noAlt.status).toBe(400);
    expect(await noAlt.text()).toContain("Describe the image");
    expect(await gridCount(id)).toBe(0);

    const ok = await member.postMultipart(`/practices/${id}/attachments`, uploadForm("photo.png", png, { alt: "Volunteers at the help desk" }));
    expect(ok.status).toBe(302);
    const doc = await filesOf(id);
    const [img] = doc.attachments;
    expect(String(doc.coverFileId)).toBe(String(img.fileId));
    expect(img.thumbId).toBeTruthy();
    const served = await member.get(`/files/${img.fileId}/photo.png`);
    expect(served.headers.get("content-type")).toBe("image/png");
    const stored = Buffer.from(await served.arrayBuffer());
    expect(stored.includes(secret)).toBe(false);
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    expect((await member.get(`/files/${img.thumbId}/thumb.webp`)).headers.get("content-type")).toBe("image/webp");

    await publish(id, title);
    const slug = (await Practice.findById(id).lean())!.slug;
    const html = await (await anonymous.get(`/practices/${slug}`)).text();
    expect(html).toContain('alt="Volunteers at the help desk"');
    expect(await htmlErrors(html)).toEqual([]);
  });

  it("keeps at most ten files even under parallel uploads, and removal deletes the bytes", async () => {
    const id = await newMemberDraft(member, `Ten ${unique()}`);
    const results = await Promise.all(Array.from({ length: 13 }, (_, i) => member.postMultipart(`/practices/${id}/attachments`, uploadForm(`part ${i}.pdf`, pdf()))));
    expect(results.filter((r) => r.status === 302)).toHaveLength(10);
    expect(results.filter((r) => r.status === 409)).toHaveLength(3);
    const doc = await filesOf(id);
    expect(doc.attachments).toHaveLength(10);
    expect(await gridCount(id)).toBe(10);
    expect(await (await member.get(`/practices/${id}/attachments`)).text()).toContain("the most it can carry");

    const first = doc.attachments[0];
    const removed = await member.post(`/practices/${id}/attachments`, { intent: "remove", fileId: String(first.fileId) });
    expect(removed.status).toBe(302);
    expect((await filesOf(id)).attachments).toHaveLength(9);
    expect(await gridCount(id)).toBe(9);
    expect((await member.get(`/files/${first.fileId}/x.pdf`)).status).toBe(404);
  });

  it("answers ids of the wrong shape and unknown files with 404, and cleans hostile names", async () => {
    for (const path of ["/files/nope/x.pdf", "/files/0123456789abcdef01234567/x.pdf", "/files/%00/x", `/files/${"f".repeat(24)}/..%2F..%2Fetc`]) {
      expect((await anonymous.get(path)).status, path).toBe(404);
    }
    const id = await newMemberDraft(member, `Names ${unique()}`);
    const res = await member.postMultipart(`/practices/${id}/attachments`, uploadForm('../../etc/"passwd"\u202e\r\n<b>.pdf', pdf()));
    expect(res.status).toBe(302);
    const [a] = (await filesOf(id)).attachments;
    // (fetch, like browsers, sends `"`, CR and LF in a file name percent-encoded)
    expect(a.name).toMatch(/passwd.*\.pdf$/);
    expect(a.name).not.toMatch(/[\\/"%\r\n\u202e<>]/);
  });
});
