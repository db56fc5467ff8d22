// Shared by the practice integration tests: a complete submission form and DB access.
import { connectDb } from "../../models/db.server";
import { Client } from "../helpers/http";
import { practiceFormFields, type PracticeFormFields } from "../../scripts/lib/practice-form";

export function fullForm(title: string, extra: PracticeFormFields = {}): PracticeFormFields {
  return practiceFormFields(title, extra);
}

export async function db() {
  return connectDb();
}

/** Every page of the moderators' queue for a query string, one after the other (it shows 50 a
 *  page, oldest submission first), with React's text separators taken out. */
export async function wholeQueue(c: Client, qs = ""): Promise<string> {
  let out = "";
  for (let page = 1; page <= 200; page++) {
    const res = await c.get(`/moderation?${qs}${qs ? "&" : ""}page=${page}`);
    if (res.status === 404 && page > 1) break;
    const html = (await res.text()).replace(/<!-- -->/g, "");
    out += html;
    if (!/rel="next"/.test(html)) break;
  }
  return out;
}

export async function newMemberDraft(c: Client, title: string, extra: Record<string, string | string[]> = {}) {
  const res = await c.post("/practices/new", { ...fullForm(title, extra), intent: "save" });
  if (res.status !== 302) throw new Error(`draft not saved: ${res.status} ${await res.text()}`);
  const m = /\/practices\/([a-f0-9]{24})\/edit/.exec(res.headers.get("location") ?? "");
  if (!m) throw new Error(`unexpected redirect ${res.headers.get("location")}`);
  return m[1];
}

/** A new draft by `c`, submitted for review; returns its id. */
export async function submittedPractice(c: Client, title: string) {
  const id = await newMemberDraft(c, title);
  const res = await c.post(`/practices/${id}/edit`, { ...fullForm(title), intent: "submit" });
  if (res.status !== 302) throw new Error(`not submitted: ${res.status}`);
  return id;
}

export const unique = () => Math.random().toString(36).slice(2, 8);
