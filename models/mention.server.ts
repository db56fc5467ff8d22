// @mentions in discussion posts: the candidate names after each `@`, and the members they name.
import { User } from "./user.server";

/**
 * Mentions are `@` followed by a member's display name, matched exactly (case-sensitive) —
 * the longest display name that follows the `@` wins, so "@Kwame Mensah, thanks" finds
 * "Kwame Mensah". Returns the candidate strings for each `@`.
 */
export function mentionCandidates(text: string): string[][] {
  const out: string[][] = [];
  const re = /(?<![\p{L}\p{N}_@.])@([^\s@][^@\n]{0,100})/gu;
  for (const m of text.matchAll(re)) {
    const words = m[1].split(/[ \t]+/).slice(0, 6);
    const cands = new Set<string>();
    for (let i = 1; i <= words.length; i++) {
      const raw = words.slice(0, i).join(" ");
      cands.add(raw);
      cands.add(raw.replace(/[.,;:!?]+$/u, ""));
      cands.add(raw.replace(/[.,;:!?)"'»”’]+$/u, ""));
    }
    out.push([...cands].filter((c) => c.length > 0 && c.length <= 80));
    if (out.length >= 20) break;
  }
  return out;
}

export async function resolveMentions(text: string): Promise<string[]> {
  const groups = mentionCandidates(text);
  if (!groups.length) return [];
  const all = [...new Set(groups.flat())];
  const users = await User.find({ displayName: { $in: all }, disabledAt: null }).select("displayName").limit(100).lean();
  const byName = new Map<string, string[]>();
  for (const u of users) byName.set(u.displayName, [...(byName.get(u.displayName) ?? []), String(u._id)]);
  const ids = new Set<string>();
  for (const g of groups) {
    const best = g.filter((c) => byName.has(c)).sort((a, b) => b.length - a.length)[0];
    if (best) for (const id of byName.get(best)!.slice(0, 3)) ids.add(id);
    if (ids.size >= 10) break;
  }
  return [...ids];
}
