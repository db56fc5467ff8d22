// Who may do what in a discussion (pure: the server enforces it, the UI uses it to hide
// buttons the server would refuse anyway). Moderators are users with "moderate:discussion"
// or the people listed as moderators of the space.
import { can } from "./permissions";

export interface Actor {
  id: string;
  roles: readonly string[];
}
export interface SpaceLike {
  moderatorIds?: readonly unknown[];
  opensAt?: Date | string | null;
  closesAt?: Date | string | null;
}
export interface ThreadLike {
  authorId: unknown;
  locked?: boolean;
  hidden?: boolean;
  held?: boolean;
  deletedAt?: Date | string | null;
}
export interface PostLike {
  authorId: unknown;
  hidden?: boolean;
  held?: boolean;
  deletedAt?: Date | string | null;
}

const toDate = (d: Date | string | null | undefined) => (d ? new Date(d) : null);

export function spaceOpen(space: SpaceLike, now = new Date()): boolean {
  const o = toDate(space.opensAt);
  const c = toDate(space.closesAt);
  if (o && o > now) return false;
  if (c && c < now) return false;
  return true;
}

export function isSpaceModerator(actor: Actor | null | undefined, space: SpaceLike | null | undefined): boolean {
  if (!actor) return false;
  if (can(actor.roles, "moderate:discussion")) return true;
  return (space?.moderatorIds ?? []).some((m) => String(m) === actor.id);
}

const isAuthor = (actor: Actor | null | undefined, doc: { authorId: unknown }) => Boolean(actor && String(doc.authorId) === actor.id);

/** Pin, lock, move, hide/unhide, approve held content. */
export function canModerate(actor: Actor | null | undefined, space: SpaceLike | null | undefined): boolean {
  return isSpaceModerator(actor, space);
}

/** A reply can be written: signed-in member, open space, unlocked thread that the public can see. */
export function canReply(actor: Actor | null | undefined, thread: ThreadLike, space: SpaceLike): boolean {
  if (!actor || !can(actor.roles, "post:reply")) return false;
  return replyRefusal(thread, space) === null;
}

/** Why nobody may reply, or null. */
export function replyRefusal(thread: ThreadLike, space: SpaceLike): "closed" | "locked" | "unavailable" | null {
  if (thread.hidden || thread.deletedAt) return "unavailable";
  if (!spaceOpen(space)) return "closed";
  if (thread.locked) return "locked";
  return null;
}

export function canStartThread(actor: Actor | null | undefined, space: SpaceLike): boolean {
  return Boolean(actor && can(actor.roles, "thread:create") && spaceOpen(space));
}

/** Authors edit their own content while the discussion is writable and the content is not hidden or deleted. */
export function canEdit(actor: Actor | null | undefined, doc: PostLike, thread: ThreadLike, space: SpaceLike): boolean {
  if (!isAuthor(actor, doc)) return false;
  if (doc.deletedAt || doc.hidden) return false;
  if (!spaceOpen(space) || thread.locked) return false;
  return true;
}

/** Authors delete (soft) their own content; moderators hide instead of deleting. */
export function canDelete(actor: Actor | null | undefined, doc: PostLike, space: SpaceLike): boolean {
  if (!isAuthor(actor, doc)) return false;
  if (doc.deletedAt || doc.hidden) return false;
  return spaceOpen(space);
}

/** Members report what others wrote. */
export function canReport(actor: Actor | null | undefined, doc: PostLike): boolean {
  if (!actor || !can(actor.roles, "report:create")) return false;
  if (isAuthor(actor, doc)) return false;
  return !doc.deletedAt;
}

/** Whether a viewer may see a thread or reply at all (hidden → moderators; held → author and moderators). */
export function canSee(actor: Actor | null | undefined, doc: PostLike, space: SpaceLike | null | undefined): boolean {
  if (doc.hidden) return canModerate(actor, space);
  if (doc.held) return isAuthor(actor, doc) || canModerate(actor, space);
  return true;
}
