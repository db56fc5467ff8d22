// Cookie-backed sessions stored in MongoDB (models/session.server.ts).
import { createCookie, redirect } from "@remix-run/node";
import { createHash, randomBytes } from "node:crypto";
import { connectDb } from "../../models/db.server";
import { requestMemo } from "../../models/log.server";
import { Types } from "mongoose";
import { isObjectId } from "../../models/ids";
import { Session, SESSION_IDLE_MS, type SessionDoc } from "../../models/session.server";
import { User, type UserDoc } from "../../models/user.server";
import { SESSION_COOKIE, sessionCookieAttributes } from "./session-cookie";

const secret = () => process.env.SESSION_SECRET ?? "dev-only-session-secret-change-me";

function sessionCookie(request: Request) {
  // request.url is https only when the connection is, or when TRUST_PROXY=1 and the proxy says so
  // (scripts/serve.ts builds it from express's req.protocol, which follows "trust proxy").
  const { maxAgeSeconds, ...attributes } = sessionCookieAttributes(new URL(request.url).protocol === "https:");
  return createCookie(SESSION_COOKIE, { ...attributes, secrets: [secret()], maxAge: maxAgeSeconds });
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** The session token of the cookie and, in cookies written since decision 064, the member's id
 *  beside it (`<token>.<user id>`), so the session and the member are read in parallel. The
 *  id is only a hint: the session's own userId decides. */
async function readCookie(request: Request): Promise<{ token: string; userId: string | null } | null> {
  try {
    const value = await sessionCookie(request).parse(request.headers.get("cookie"));
    if (typeof value !== "string") return null;
    const m = /^([A-Za-z0-9_-]{43})(?:\.([a-f0-9]{24}))?$/.exec(value);
    return m ? { token: m[1], userId: m[2] ?? null } : null;
  } catch {
    return null;
  }
}

async function readToken(request: Request): Promise<string | null> {
  return (await readCookie(request))?.token ?? null;
}

const userCache = new WeakMap<Request, Promise<UserDoc | null>>();

/** The signed-in user, or null. Sliding expiry: refreshed at most every five minutes. */
export function getUser(request: Request): Promise<UserDoc | null> {
  let p = userCache.get(request);
  if (!p) {
    // The loaders of one page read (GET) share one lookup. An action's request never does: what
    // it changes (a name, a role, a log-out) must show in the loaders that run after it.
    const reads = request.method === "GET" || request.method === "HEAD";
    p = reads ? requestMemo(`user:${request.headers.get("cookie") ?? ""}`, () => loadUser(request)) : loadUser(request);
    userCache.set(request, p);
  }
  return p;
}

// The two reads of every signed-in request go to the driver's collections: by _id, nothing for
// mongoose to cast or hydrate (its query layer was ≈0.2 ms of each), and the member without the
// password hash, as the schema's `select: false` leaves it out of mongoose's reads.
const readSession = (id: string) => (Session.collection as unknown as import("mongodb").Collection<SessionDoc>).findOne({ _id: id });
const readMember = (id: string) => (isObjectId(id) ? (User.collection.findOne({ _id: new Types.ObjectId(id) }, { projection: { passwordHash: 0 } }) as Promise<UserDoc | null>) : Promise.resolve(null));

async function loadUser(request: Request): Promise<UserDoc | null> {
  const cookie = await readCookie(request);
  if (!cookie) return null;
  await connectDb();
  const id = hashToken(cookie.token);
  // one round trip instead of two when the cookie names the member (decision 064)
  const [session, hinted] = await Promise.all([readSession(id), cookie.userId ? readMember(cookie.userId) : null]);
  const now = Date.now();
  if (!session) return null;
  if (session.expiresAt.getTime() < now) {
    await Session.deleteOne({ _id: id }); // idle too long: gone for good
    return null;
  }
  if (now - session.lastSeenAt.getTime() > 5 * 60_000) {
    await Session.updateOne({ _id: id }, { $set: { lastSeenAt: new Date(now), expiresAt: new Date(now + SESSION_IDLE_MS) } });
  }
  const user = hinted && String(hinted._id) === String(session.userId) ? hinted : await readMember(String(session.userId));
  if (!user || user.disabledAt) return null;
  return user as UserDoc;
}

/** Starts a fresh session (a new token on every login: rotation) and returns its Set-Cookie. */
export async function createSession(request: Request, userId: string): Promise<string> {
  await connectDb();
  const old = await readToken(request);
  if (old) await Session.deleteOne({ _id: hashToken(old) });
  const token = randomBytes(32).toString("base64url");
  await Session.create({
    _id: hashToken(token),
    userId,
    expiresAt: new Date(Date.now() + SESSION_IDLE_MS),
    userAgent: (request.headers.get("user-agent") ?? "").slice(0, 200),
  });
  return sessionCookie(request).serialize(/^[a-f0-9]{24}$/.test(userId) ? `${token}.${userId}` : token);
}

/** Ends this session; returns the Set-Cookie that clears it. */
export async function destroySession(request: Request): Promise<string> {
  const token = await readToken(request);
  if (token) {
    await connectDb();
    await Session.deleteOne({ _id: hashToken(token) });
  }
  return sessionCookie(request).serialize("", { maxAge: 0 });
}

/** Ends every session of a user ("log out everywhere"). */
export async function destroyAllSessions(userId: string) {
  await connectDb();
  await Session.deleteMany({ userId });
}

/** Ends every session of the user on every device and returns the Set-Cookie that clears this one. */
export async function logoutEverywhere(request: Request, userId: string): Promise<string> {
  await destroyAllSessions(userId);
  return sessionCookie(request).serialize("", { maxAge: 0 });
}

/** How many sessions a user has open (shown on the profile page). */
export async function sessionCount(userId: string): Promise<number> {
  await connectDb();
  return Session.countDocuments({ userId, expiresAt: { $gt: new Date() } });
}

export async function requireUser(request: Request): Promise<UserDoc> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}
