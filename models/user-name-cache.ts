// Members' display names kept in this process (decision 067): lists name who wrote or submitted
// what (the review queue's 50 rows, threads, audit trails), and on FerretDB looking up 50 names
// by id is ≈4 ms at 10,000 practices. A name changes only by its member's profile edit, which
// forgets it here at once; another instance shows the new name within NAME_KEPT_MS.
export const NAME_KEPT_MS = 60_000;
const NAMES_MAX = 10_000;

const names = new Map<string, { name: string; at: number }>();
/** Moves on every forgetName: a lookup that began before a change does not keep what it read. */
let generation = 0;
export const nameGeneration = () => generation;

/** The kept name of a member, or undefined when not kept (or kept too long). */
export function keptName(id: string, now = Date.now()): string | undefined {
  const hit = names.get(id);
  return hit && now - hit.at < NAME_KEPT_MS ? hit.name : undefined;
}

export function keepName(id: string, name: string, now = Date.now()) {
  if (names.size >= NAMES_MAX) names.clear();
  names.set(id, { name, at: now });
}

/** The member changed their name: the next list reads it from the database. */
export function forgetName(id: string) {
  generation++;
  names.delete(id);
}
