// Calls for practices (issue 12): admins publish a call (objectives, regions, dates); members
// answer it with a practice (Practice.callId). Rules in ./call-rules.ts.
import mongoose, { Schema, type Model, Types } from "mongoose";
import { isDuplicateKey, parseObjectId } from "./ids";
import { registerBackgroundWork } from "./background.server";
import { callState, localized, validateCall, type CallRawInput, type CallState, type CallValue, type Localized } from "./call-rules";
import { contentLanguages } from "./taxonomy";
import { log } from "./log.server";

const localizedSchema = new Schema(Object.fromEntries(contentLanguages.map((l) => [l, String])), { _id: false });

const callSchema = new Schema(
  {
    slug: { type: String, required: true, unique: true },
    title: { type: localizedSchema, required: true },
    description: { type: localizedSchema, default: () => ({}) },
    objectives: { type: [Number], default: [] },
    regions: { type: [String], default: [] },
    opensAt: { type: Date, required: true, index: true },
    closesAt: { type: Date, required: true, index: true },
    contact: { type: new Schema({ name: String, email: String }, { _id: false }), default: () => ({}) },
    createdBy: { type: Schema.Types.ObjectId, ref: "User", required: true },
    /** Incremented on every edit. */
    version: { type: Number, default: 1 },
    /** Set once the followers of its objectives were told it opened. */
    openNotifiedAt: { type: Date, default: null, index: true },
  },
  { timestamps: true },
);

export interface CallDoc extends Omit<CallValue, "title" | "description"> {
  _id: Types.ObjectId;
  title: Localized;
  description: Localized;
  createdBy: Types.ObjectId;
  version: number;
  openNotifiedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}
export const Call: Model<CallDoc> = (mongoose.models.Call as Model<CallDoc>) ?? mongoose.model<CallDoc>("Call", callSchema);

// ---------------------------------------------------------------- the list, kept (decision 065)
// Every page with a call filter or a practice form reads the calls; they change a few times a
// year. The list is kept for a few seconds in this process and dropped on every change made
// here (another instance sees a change within CALLS_TTL_MS).
const CALLS_TTL_MS = 5000;
/** The most calls listed (the oldest closing first); past it the open ones are asked for. */
const CALLS_MAX = 500;
let kept: { at: number; calls: Promise<CallDoc[]> } | null = null;

/** Drops the kept list: a call was created or edited. */
function callsChanged() {
  kept = null;
}

/** Every call (up to CALLS_MAX), the oldest closing first. Shared: callers must not change them. */
function everyCall(): Promise<CallDoc[]> {
  const now = Date.now();
  if (!kept || now - kept.at > CALLS_TTL_MS) {
    const calls = Call.find({}).sort({ closesAt: 1, _id: 1 }).limit(CALLS_MAX).lean<CallDoc[]>().exec();
    const entry = { at: now, calls };
    kept = entry;
    calls.catch(() => {
      if (kept === entry) kept = null;
    });
  }
  return kept.calls;
}

/** Validates an admin's form, including that the slug is free. */
export async function validateCallInput(raw: CallRawInput, currentId?: string) {
  const r = validateCall(raw);
  if (!r.errors.slug) {
    const other = await Call.findOne({ slug: r.value.slug }).select("_id").lean();
    if (other && String(other._id) !== currentId) r.errors.slug = "errors.slugTaken";
  }
  return r;
}

export async function createCall(value: CallValue, actorId: string) {
  const { audit } = await import("./audit.server");
  let call: CallDoc;
  try {
    call = (await Call.create({ ...value, createdBy: new Types.ObjectId(actorId) })).toObject() as CallDoc;
  } catch (e) {
    if (isDuplicateKey(e)) return null;
    throw e;
  } finally {
    callsChanged();
  }
  await audit({ actorId: new Types.ObjectId(actorId), subjectType: "call", subjectId: call._id, action: "call-create", to: call.slug });
  await notifyCallOpened(call).catch(() => undefined);
  return call;
}

/** Saves an edit; false when another call took the slug meanwhile. */
export async function updateCall(id: Types.ObjectId, value: CallValue, actorId: string): Promise<boolean> {
  const { audit } = await import("./audit.server");
  try {
    await Call.updateOne({ _id: id }, { $set: value, $inc: { version: 1 } });
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  } finally {
    callsChanged();
  }
  await audit({ actorId: new Types.ObjectId(actorId), subjectType: "call", subjectId: id, action: "call-update", to: value.slug });
  const call = await Call.findById(id).lean<CallDoc>();
  if (call) await notifyCallOpened(call).catch(() => undefined);
  return true;
}

export async function findCallBySlug(slug: string) {
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) return null;
  return Call.findOne({ slug }).lean<CallDoc>();
}

export async function findCallById(id: unknown) {
  const oid = parseObjectId(id);
  return oid ? Call.findById(oid).lean<CallDoc>() : null;
}

export interface CallSummary {
  id: string;
  slug: string;
  title: string;
  titleLang: string;
  state: CallState;
  opensAt: string;
  closesAt: string;
  objectives: number[];
  regions: string[];
}

export function callSummary(c: CallDoc, lang: string, now = new Date()): CallSummary {
  const t = localized(c.title, lang);
  return {
    id: String(c._id),
    slug: c.slug,
    title: t.text,
    titleLang: t.lang,
    state: callState(c, now),
    opensAt: c.opensAt.toISOString(),
    closesAt: c.closesAt.toISOString(),
    objectives: c.objectives ?? [],
    regions: c.regions ?? [],
  };
}

/** Every call: open ones (closing soonest first), then upcoming (opening soonest), then closed (latest first). */
export async function listCalls(lang: string, now = new Date()): Promise<CallSummary[]> {
  const all = (await everyCall()).map((c) => callSummary(c, lang, now));
  const by = (s: CallState) => all.filter((c) => c.state === s);
  return [
    ...by("open"),
    ...by("upcoming").sort((a, b) => a.opensAt.localeCompare(b.opensAt)),
    ...by("closed").sort((a, b) => b.closesAt.localeCompare(a.closesAt)),
  ];
}

/** Open calls, for the practice form's select. */
export async function openCalls(lang: string, now = new Date()): Promise<CallSummary[]> {
  return (await openCallDocs(now)).map((c) => callSummary(c, lang, now));
}

/** The open calls, closing soonest first (at most 200): from the kept list when it holds them all. */
async function openCallDocs(now: Date): Promise<CallDoc[]> {
  const all = await everyCall();
  if (all.length < CALLS_MAX) return all.filter((c) => c.opensAt <= now && c.closesAt >= now).slice(0, 200);
  return Call.find({ opensAt: { $lte: now }, closesAt: { $gte: now } }).sort({ closesAt: 1, _id: 1 }).limit(200).lean<CallDoc[]>();
}

/** Published practices answering a call (MongoDB; top-level equality on callId and status). */
export async function publishedAnswers(callId: Types.ObjectId, page: number, perPage = 20) {
  const { Practice } = await import("./practice.server");
  const q = { callId, status: "published" as const };
  const [total, rows] = await Promise.all([
    Practice.countDocuments(q),
    Practice.find(q).sort({ publishedAt: -1 }).skip((page - 1) * perPage).limit(perPage).select("slug title summary language publishedAt").lean<{ _id: Types.ObjectId; slug: string; title?: string; summary?: string; language?: string }[]>(),
  ]);
  return {
    total,
    items: rows.map((p) => ({ id: String(p._id), slug: p.slug, title: p.title ?? "", summary: p.summary ?? "", language: p.language ?? "en" })),
  };
}

/**
 * Checks the call a practice form names. `undefined` when none, a call doc when fine, else an
 * error: unknown call, or (for `submit`, and as a warning on drafts) a call that is not open.
 */
export async function checkPracticeCall(callId: string, now = new Date()): Promise<{ call: CallDoc | null; error?: "unknown" | "closed" | "upcoming" }> {
  if (!callId) return { call: null };
  const call = await findCallById(callId);
  if (!call) return { call: null, error: "unknown" };
  const state = callState(call, now);
  if (state !== "open") return { call, error: state === "closed" ? "closed" : "upcoming" };
  return { call };
}

/** Tells the members who follow one of an open call's objectives, once. */
export async function notifyCallOpened(call: CallDoc, now = new Date()): Promise<number> {
  if (call.openNotifiedAt || callState(call, now) !== "open") return 0;
  // Claim first, so two loops never notify twice.
  const claimed = await Call.updateOne({ _id: call._id, openNotifiedAt: null }, { $set: { openNotifiedAt: now } });
  if (!claimed.modifiedCount) return 0;
  const { followersOf } = await import("./follow.server");
  const { notify } = await import("./notification.server");
  const userIds = await followersOf((call.objectives ?? []).map((n) => ({ targetType: "objective" as const, targetKey: String(n) })));
  for (const userId of userIds) {
    await notify(userId, "call-opened", `/calls/${call.slug}`, { title: localized(call.title, "en").text });
  }
  return userIds.length;
}

/** The background duty: calls whose opening time has passed and whose followers were not told. */
export async function notifyOpenedCalls(now = new Date()): Promise<number> {
  const due = await Call.find({ openNotifiedAt: null, opensAt: { $lte: now }, closesAt: { $gte: now } }).limit(50).lean<CallDoc[]>();
  let n = 0;
  for (const c of due) n += await notifyCallOpened(c, now);
  return n;
}

/** Values for the edit form. */
export function callFormValues(c: CallDoc): CallRawInput {
  const day = (d: Date) => new Date(d).toISOString().slice(0, 10);
  return {
    slug: c.slug,
    title: Object.fromEntries(contentLanguages.map((l) => [l, c.title?.[l] ?? ""])) as CallRawInput["title"],
    description: Object.fromEntries(contentLanguages.map((l) => [l, c.description?.[l] ?? ""])) as CallRawInput["description"],
    objectives: (c.objectives ?? []).map(String),
    regions: c.regions ?? [],
    opensAt: day(c.opensAt),
    closesAt: day(c.closesAt),
    contactName: c.contact?.name ?? "",
    contactEmail: c.contact?.email ?? "",
  };
}

/** What the practice form needs to name a call (also in its error message). */
export interface CallInfo {
  id: string;
  slug: string;
  title: Localized;
  state: CallState;
  opensAt: string;
  closesAt: string;
  contact: string;
}
export function callInfo(c: CallDoc, now = new Date()): CallInfo {
  return {
    id: String(c._id),
    slug: c.slug,
    title: c.title ?? {},
    state: callState(c, now),
    opensAt: new Date(c.opensAt).toISOString(),
    closesAt: new Date(c.closesAt).toISOString(),
    contact: c.contact?.email || c.contact?.name || "",
  };
}

/** The calls the practice form offers: the open ones, plus the one it already names (even closed). */
export async function callOptions(currentId?: string | null, now = new Date()): Promise<CallInfo[]> {
  return withCurrentCall(openCallOptions(now), currentId, now);
}

/** The open calls of the form's select; `withCurrentCall` adds the one the practice answers
 *  (it may have closed). Two steps so a page can read these before it knows the practice. */
export async function openCallOptions(now = new Date()): Promise<CallInfo[]> {
  return (await openCallDocs(now)).map((c) => callInfo(c, now));
}

export async function withCurrentCall(open: Promise<CallInfo[]>, currentId?: string | null, now = new Date()): Promise<CallInfo[]> {
  const options = [...(await open)];
  if (currentId && !options.some((o) => o.id === currentId)) {
    const current = await findCallById(currentId);
    if (current) options.unshift(callInfo(current, now));
  }
  return options;
}

/** Stores which call a practice answers (a top-level field, for the indexed equality lookups). */
export async function setPracticeCall(practiceId: string, callId: Types.ObjectId | null) {
  const { Practice } = await import("./practice.server");
  const { changed } = await import("./practice-store.server");
  const r = await Practice.updateOne({ _id: practiceId, callId: { $ne: callId } }, { $set: { callId }, $inc: { version: 1 } });
  if (r.modifiedCount) await changed(practiceId);
}

// The duty loop: a call whose opening date passes tells its followers within a minute.
registerBackgroundWork(() => {
  const timer = setInterval(() => {
    notifyOpenedCalls().catch((e) => log.error({ err: e }, "calls: opening notifications failed"));
  }, 60_000);
  timer.unref?.();
});
