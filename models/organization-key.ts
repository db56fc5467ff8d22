// Organization names as keys (pure, browser-safe): the key two spellings of one organization
// share (case, accents/NFKD, punctuation and spacing ignored), the acronym a name carries in
// brackets ("United Nations High Commissioner for Refugees (UNHCR)"), and the link to its page.
import { slugify } from "./slug";

/** Lower-case letters and digits of any script, accents dropped, runs of anything else one space. */
const letters: Record<string, string> = { œ: "oe", æ: "ae", ß: "ss", ø: "o", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i" };

export function organizationKey(name: string): string {
  return String(name ?? "")
    .toLowerCase()
    .replace(/[œæßøłđðþı]/g, (c) => letters[c] ?? c)
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .slice(0, 200);
}

/** An acronym: 2 to 12 capitals and digits (with & . - between), such as UNHCR, IOM, UN-DESA;
 *  not a bracketed word such as "(demo)" or "(fictionalized)". */
export const isAcronym = (s: string) => /^[\p{Lu}\p{N}][\p{Lu}\p{N}&.-]{1,11}$/u.test(s) && (s.match(/\p{Lu}/gu) ?? []).length >= 2;

/** A name and the acronym it may end with in brackets: "Full Name (ACR)" → ["Full Name", "ACR"]. */
export function splitAcronym(name: string): { name: string; acronym: string } {
  const m = /^(.*\S)\s*[([]\s*([^()[\]]{1,20}?)\s*[)\]]\s*$/u.exec(
    String(name ?? "").trim()
  );
  if (m && isAcronym(m[2].trim()))
    return { name: m[1].trim(), acronym: m[2].trim() };
  return { name: String(name ?? "").trim(), acronym: "" };
}

/** The de-duplication key: organizationKey without its spaces, so "U.N.H.C.R." is "unhcr". */
export const compactKey = (name: string) => organizationKey(name).replace(/ /g, "");

/** Every key a name answers to: the whole name, and the name and acronym when it has one. */
export function keysOfName(name: string): string[] {
  const { name: base, acronym } = splitAcronym(name);
  return [...new Set([compactKey(name), compactKey(base), compactKey(acronym)].filter(Boolean))];
}

/** The page of the organization a name (as practices store it) refers to; the page redirects
 *  to the organization's own slug when the name is another spelling of it. */
export function organizationHref(name: string): string {
  const s = slugify(name, { max: 80 });
  return s
    ? `/organizations/${s}`
    : `/organizations?q=${encodeURIComponent(String(name ?? "").trim())}`;
}

/** Websites: http or https only (no javascript:, data:, ftp:…), else "". */
export function safeWebsite(url: string): string {
  const v = String(url ?? "").trim();
  if (!v) return "";
  try {
    const u = new URL(v);
    return u.protocol === "http:" || u.protocol === "https:"
      ? u.toString()
      : "";
  } catch {
    return "";
  }
}
