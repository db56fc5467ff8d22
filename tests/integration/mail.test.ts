// Email through the real path: the hub queues in MongoDB, its mail worker sends over SMTP to the
// embedded Mailpit, and these tests read Mailpit's inbox (issue 14).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../helpers/http";
import { eventually } from "../helpers/wait";
import { canInject, startService, stopService } from "../helpers/faults";
import { linkIn, mailHeaders, mailMessage, mailService, mailTo, waitForMail, waitForSubject } from "../helpers/mailpit";
import { db, freshMember, newThread, reply, resetPostLimits, threadIdFrom } from "./discussion-fixtures";
import { disconnectDb } from "../../models/db.server";
import { User } from "../../models/user.server";
import { Notification, notify } from "../../models/notification.server";
import { MailJob } from "../../models/mail-queue.server";
import { runDigests, digestSlot } from "../../models/mail-digest.server";

beforeAll(db);
afterAll(disconnectDb);

let n = 0;
const address = (label: string) => `${label}-${Date.now().toString(36)}-${++n}@example.org`;

async function registered(locale = "en") {
  const email = address("mail");
  const c = new Client();
  c.cookies.set("lng", locale);
  const res = await c.post("/register", {
    displayName: `Mail Tester ${Date.now().toString(36)} ${n}`,
    email,
    password: "tidal-copper-lantern-42",
    organization: "Hub Mail Test Org",
    stakeholderType: "civil-society",
    country: "KE",
  });
  expect(res.status, await res.clone().text()).toBe(302);
  expect(res.headers.get("location")).toBe("/register?sent=1");
  return { c, email };
}

describe("password reset by email", () => {
  it("sends the link in the member's language; it sets a new password once and ends every session", async () => {
    const { c, email } = await registered("fr");
    await c.login(email, "tidal-copper-lantern-42");
    expect((await c.get("/me")).status).toBe(200);
    const anon = new Client();
    anon.cookies.set("lng", "es"); // the page's language is the asker's; the mail is the member's
    const res = await anon.post("/forgot-password", { email });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/forgot-password?sent=1");
    const reset = await waitForSubject(email, /mot de passe/i);
    const msg = await mailMessage(reset.ID);
    expect(msg.HTML).toContain('lang="fr"');
    const link = new URL(linkIn(msg.Text, "/reset-password/"));

    const page = await anon.get(link.pathname);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toContain("no-store");
    // A refused password keeps the link usable and the typed form.
    const weak = await anon.post(link.pathname, { newPassword: "password1234 ", confirmPassword: "password1234 " });
    expect(weak.status).toBe(400);
    const done = await anon.post(link.pathname, { newPassword: "amber-quartz-meadow-77", confirmPassword: "amber-quartz-meadow-77" });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/login?reset=1");

    // The old session is gone, the old password no longer works, the new one does.
    expect((await c.get("/me")).status).toBe(302);
    expect((await new Client().post("/login", { email, password: "tidal-copper-lantern-42" })).status).toBe(400);
    await new Client().login(email, "amber-quartz-meadow-77");
    // Used once: a second use is refused, translated (Spanish for this visitor), and changes nothing.
    const again = await anon.post(link.pathname, { newPassword: "another-long-phrase-88", confirmPassword: "another-long-phrase-88" });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("ya se ha utilizado");
    await new Client().login(email, "amber-quartz-meadow-77");
  });

  it("answers the same for an unknown address and sends nothing", async () => {
    const email = address("nobody");
    const res = await new Client().post("/forgot-password", { email });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/forgot-password?sent=1");
    await new Promise((r) => setTimeout(r, 1500));
    expect(await mailTo(email)).toHaveLength(0);
  });

  it("refuses a tampered, unknown or malformed token with a translated page", async () => {
    for (const token of ["A".repeat(43), "short", "x".repeat(500)]) {
      const res = await new Client().get(`/reset-password/${token}`);
      expect(res.status, token).toBe(404);
      expect(await res.text()).toContain("This link is not valid");
    }
    // Control characters in the address name no page at all: the translated "not found" page.
    const res = await new Client().get("/reset-password/%00%0d%0a", { "accept-language": "fr" });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("avons pas trouvé cette page");
  });
});

describe("email verification", () => {
  it("an unconfirmed member can draft but not post; after the link from the mail, they can", async () => {
    await resetPostLimits();
    const { c, email } = await registered("en");
    await c.login(email, "tidal-copper-lantern-42");
    const { Thread } = await import("../../models/thread.server");
    const thread = await Thread.findOne({ deletedAt: null, hidden: { $ne: true }, locked: { $ne: true }, held: { $ne: true } }).sort({ createdAt: -1 }).lean();
    const body = `A reply that must not be lost ${Date.now()}`;
    const refused = await c.post(`/threads/${thread!._id}`, { intent: "reply", body });
    expect(refused.status).toBe(403);
    const html = await refused.text();
    expect(html).toContain("Confirm your email address");
    expect(html).toContain(body); // the text comes back
    // Drafting works; submitting keeps the draft and says why.
    const me = await c.get("/me");
    expect(await me.text()).toContain("not confirmed yet");

    const verify = await waitForSubject(email, /confirm/i);
    const link = new URL(linkIn((await mailMessage(verify.ID)).Text, "/verify-email/"));
    const ok = await c.get(link.pathname);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("your email address is confirmed");
    const again = await c.get(link.pathname);
    expect(again.status).toBe(410);
    const posted = await c.post(`/threads/${thread!._id}`, { intent: "reply", body });
    expect(posted.status).toBe(302);
  });
});

describe("notification email", () => {
  it("a mention sends one email at once, with a one-click unsubscribe that stops mentions only", async () => {
    await resetPostLimits();
    const author = await freshMember("Author");
    const target = await freshMember("Target");
    const threadRes = await newThread(author.client);
    const threadId = threadIdFrom(threadRes);
    const r = await reply(author.client, threadId, `Thanks @${target.user.displayName} for the idea.`);
    expect(r.status).toBe(302);
    const mails = await waitForMail(target.email, 1);
    await new Promise((res) => setTimeout(res, 1500)); // nothing else follows
    const all = await mailTo(target.email);
    expect(all).toHaveLength(1);
    expect(mails[0].Subject).toContain("mentioned you");
    const headers = await mailHeaders(mails[0].ID);
    expect(headers["List-Unsubscribe-Post"]?.[0]).toBe("List-Unsubscribe=One-Click");
    const unsub = new URL(headers["List-Unsubscribe"][0].replace(/^<|>$/g, ""));

    // RFC 8058: the mail client posts without a session or a form token.
    const res = await fetch(unsub, { method: "POST", body: "List-Unsubscribe=One-Click", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(res.status).toBe(200);
    const prefs = (await User.findById(target.user._id).lean())!.mailPrefs as Record<string, string>;
    expect(prefs.mentions).toBe("never");
    expect(prefs.decisions ?? "immediate").toBe("immediate");

    // Another mention: no email. A decision: still an email.
    await reply(author.client, threadId, `Again, @${target.user.displayName}.`);
    await notify(target.user._id, "practice-decision", "/me/practices", { title: "Mail test practice", status: "published" });
    const after = await waitForMail(target.email, 2);
    await new Promise((res) => setTimeout(res, 1000));
    expect((await mailTo(target.email)).length).toBe(2);
    expect(after[1].Subject).toContain("Mail test practice");
    // A forged link changes nothing.
    const forged = new URL(unsub);
    forged.searchParams.set("c", "decisions");
    expect((await fetch(forged, { method: "POST" })).status).toBe(400);
  });

  it("with a weekly digest chosen, a week of follows produces exactly one digest listing them", async () => {
    const { user, email, client } = await freshMember("Digest");
    // Chosen on the profile page, as a member does.
    const saved = await client.post("/me", { intent: "mail", locale: "en", timeZone: "Africa/Nairobi", digestHour: "8", decisions: "immediate", mentions: "immediate", replies: "never", follows: "weekly" });
    expect(saved.status).toBe(302);
    const monday = digestSlot(new Date("2026-01-05T12:00:00Z"), "weekly", "Africa/Nairobi", 8);
    expect(monday.toISOString()).toBe("2026-01-05T05:00:00.000Z"); // 08:00 in Nairobi (UTC+3)
    // (createdAt is immutable through mongoose: the driver sets it, as if the account were older.)
    await User.collection.updateOne({ _id: user._id }, { $set: { createdAt: new Date(monday.getTime() - 30 * 86_400_000), "digestSentAt.weekly": monday } });
    const day = 86_400_000;
    await Notification.collection.insertMany(
      Array.from({ length: 7 }, (_, i) => ({ userId: user._id, kind: "call-opened", params: { title: `Weekly call ${i + 1}` }, url: "/calls", readAt: null, createdAt: new Date(monday.getTime() + i * day + 3_600_000), updatedAt: new Date() })),
    );
    let queued = 0;
    for (let h = 1; h <= 8 * 24; h += 6) queued += await runDigests(new Date(monday.getTime() + h * 3_600_000), { userId: String(user._id) });
    expect(queued).toBe(1);
    const mails = await waitForMail(email, 1);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await mailTo(email)).toHaveLength(1);
    expect(mails[0].Subject).toContain("weekly summary");
    const msg = await mailMessage(mails[0].ID);
    for (let i = 1; i <= 7; i++) expect(msg.Text).toContain(`Weekly call ${i}`);
    const headers = await mailHeaders(mails[0].ID);
    expect(decodeURIComponent(headers["List-Unsubscribe"][0])).toContain("c=follows");
  });
});

describe("contact without exposing addresses", () => {
  it("a member's message reaches the contact person, whose address the sender never sees; showing it is the contact's choice", async () => {
    const { fullForm, newMemberDraft } = await import("./practice-fixtures");
    const { Client: C } = await import("../helpers/http");
    const owner = await new C().login("member@example.org");
    const contactAddress = address("contact-person");
    const title = `Contact relay practice ${Date.now().toString(36)}`;
    const id = await newMemberDraft(owner, title, { contactEmail: contactAddress });
    expect((await owner.post(`/practices/${id}/edit`, { ...fullForm(title, { contactEmail: contactAddress }), intent: "submit" })).status).toBe(302);
    const moderator = await new C().login("moderator@example.org");
    expect((await moderator.post(`/moderation/practices/${id}`, { action: "publish", comment: "" })).status).toBe(302);
    const { Practice } = await import("../../models/practice.server");
    const p = (await Practice.findById(id).lean())!;
    expect(p.contact?.email).toBe(contactAddress);

    // Not on the page, not in the API; the page links to the relay instead.
    const page = await (await new C().get(`/practices/${p.slug}`)).text();
    expect(page).not.toContain(contactAddress);
    expect(page).toContain(`/practices/${p.slug}/contact`);
    const api = await (await new C().get(`/api/v1/practices/${p.slug}`)).text();
    expect(api).not.toContain(contactAddress);
    // Anonymous visitors are asked to log in.
    expect((await new C().get(`/practices/${p.slug}/contact`)).status).toBe(302);

    const sender = await freshMember("Sender");
    const form = await sender.client.get(`/practices/${p.slug}/contact`);
    const formHtml = await form.text();
    expect(formHtml).not.toContain(contactAddress);
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(formHtml)?.[1] ?? "";
    expect((await sender.client.post(`/practices/${p.slug}/contact`, { message: "short" })).status).toBe(400);
    const text = "Hello, we run a similar programme in Accra and would like to compare notes on outreach.";
    const sent = await sender.client.post(`/practices/${p.slug}/contact`, { message: text, idempotencyKey: key });
    expect(sent.status).toBe(302);
    expect(sent.headers.get("location")).toBe(`/practices/${p.slug}/contact?sent=1`);
    expect(await (await sender.client.get(sent.headers.get("location")!)).text()).not.toContain(contactAddress);
    // The same form sent twice (a double click) relays once.
    await sender.client.post(`/practices/${p.slug}/contact`, { message: text, idempotencyKey: key });
    const mails = await waitForMail(contactAddress, 1);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await mailTo(contactAddress)).toHaveLength(1);
    const msg = await mailMessage(mails[0].ID);
    expect(msg.Text).toContain(text);
    expect(msg.ReplyTo.map((r) => r.Address)).toEqual([sender.email]);
    expect(await mailTo(sender.email)).toHaveLength(0); // nothing, least of all the address, goes back to the sender
    const { AuditEntry } = await import("../../models/audit.server");
    expect(await AuditEntry.countDocuments({ action: "practice.contact", subjectId: p._id })).toBe(1);

    // The contact person chooses to show the address: the page shows it and the relay is gone.
    await Practice.updateOne({ _id: p._id }, { $set: { "contact.public": true } });
    const shown = await (await new C().get(`/practices/${p.slug}`)).text();
    expect(shown).toContain(`mailto:${contactAddress}`);
    expect((await sender.client.get(`/practices/${p.slug}/contact`)).status).toBe(404);
  });
});

describe("an SMTP outage", () => {
  it.skipIf(!canInject(mailService))("delays mail and loses none: 20 notifications queued while it is down all arrive once after it returns", async () => {
    const { user, email } = await freshMember("Outage");
    await stopService(mailService);
    try {
      for (let i = 1; i <= 20; i++) await notify(user._id, "practice-decision", "/me/practices", { title: `Outage ${i}`, status: "published" });
      // The worker routes all 20 into jobs and tries them while the server is down: they stay queued.
      const jobs = await eventually(async () => {
        const found = await MailJob.find({ userId: String(user._id) }).lean();
        return found.length === 20 && found.some((j) => j.attempts > 0) && found;
      }, 60_000, "20 mail jobs, tried while SMTP is down");
      expect(jobs.filter((j) => j.status !== "queued" && j.status !== "sending")).toEqual([]);
    } finally {
      await startService(mailService);
    }
    const mails = await waitForMail(email, 20, 60_000);
    await new Promise((r) => setTimeout(r, 2000));
    const final = await mailTo(email);
    expect(final).toHaveLength(20);
    expect(new Set(final.map((m) => m.Subject)).size).toBe(20);
    expect(mails.map((m) => m.Subject.match(/Outage (\d+)/)?.[1]).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1)));
  });
});
