// Shared by the practice integration tests: a complete submission form and DB access.
import { connectDb } from "../../models/db.server";
import { Client } from "../helpers/http";

export function fullForm(title: string, extra: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    title,
    summary: "A short summary of the practice for listings.",
    language: "en",
    context: "Context paragraph.",
    description: "Description of what the practice does.\n\nSecond paragraph.",
    implementation: "",
    results: "",
    lessons: "",
    replicability: "",
    organizations: "Ministry of Labour (test)\nCity Council (test)",
    partners: "",
    stakeholderTypes: ["government"],
    contactName: "Ana Test",
    contactEmail: "ana@example.org",
    countries: ["GH", "SN"],
    scope: "regional",
    objectives: ["5", "18"],
    principles: ["people-centred"],
    startDate: "2024-01-15",
    endDate: "",
    implementationStatus: "ongoing",
    budgetRange: "50k-250k",
    fundingSource: "Government budget",
    "linkTitle-0": "Report",
    "linkUrl-0": "https://example.org/report",
    ...extra,
  };
}

export async function db() {
  return connectDb();
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
