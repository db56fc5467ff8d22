// Password hashing: scrypt (memory-hard) with a per-user salt, compared in constant time.
import { readFileSync } from "node:fs";
import path from "node:path";
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";

const N = 16384, r = 8, p = 1, KEYLEN = 64;

/** The password as it is checked and hashed: Unicode NFKC, invisible format characters (zero-width
 *  spaces, joiners, BOM) removed, surrounding white space trimmed. So "password1234 " is the
 *  common "password1234", and twelve spaces or zero-width spaces are an empty password. */
export function normalizePassword(password: string): string {
  return password.normalize("NFKC").replace(/\p{Cf}/gu, "").trim();
}

function scrypt(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password, salt, KEYLEN, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(normalizePassword(password), salt, { N, r, p, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${N}$${r}$${p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [, n, rr, pp, salt, hash] = parts;
  const expected = Buffer.from(hash, "base64");
  const opts = { N: Number(n), r: Number(rr), p: Number(pp), maxmem: 64 * 1024 * 1024 };
  const matches = async (candidate: string) => {
    const key = await scrypt(candidate, Buffer.from(salt, "base64"), opts);
    return key.length === expected.length && timingSafeEqual(key, expected);
  };
  if (await matches(normalizePassword(password))) return true;
  // Hashes made before the normalization trimmed (NFKC only) still open with the same input.
  const legacy = password.normalize("NFKC");
  return legacy !== normalizePassword(password) && (await matches(legacy));
}

/** A fixed hash to compare against when the email is unknown, so timing does not tell. */
export const DUMMY_HASH =
  "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";

// ---- Password policy -------------------------------------------------------------------
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

let common: Set<string> | null = null;
/** The shipped list of common passwords (models/data/common-passwords.txt), lower case. */
export function commonPasswords(): Set<string> {
  if (common) return common;
  const candidates = [path.resolve(process.cwd(), "models", "data", "common-passwords.txt")];
  try {
    candidates.push(path.join(path.dirname(new URL(import.meta.url).pathname), "data", "common-passwords.txt"));
  } catch {
    /* not a file URL */
  }
  for (const file of candidates) {
    try {
      const text = readFileSync(file, "utf8");
      common = new Set(text.split(/\r?\n/).map((l) => l.trim().toLowerCase()).filter((l) => l && !l.startsWith("#")));
      return common;
    } catch {
      /* try the next place */
    }
  }
  common = new Set();
  return common;
}

/**
 * Why a new password is not acceptable (an i18n key in the account namespace), or null.
 * Checked on the normalized password: length 12–200, not a common password, not the email
 * address or display name.
 */
export function passwordProblem(raw: string, who: { email?: string; displayName?: string } = {}): string | null {
  if ([...raw].length > PASSWORD_MAX) return "errors.passwordTooLong";
  const password = normalizePassword(raw);
  const length = [...password].length;
  if (length < PASSWORD_MIN) return "errors.passwordTooShort";
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return "errors.passwordCommon";
  const email = who.email?.trim().toLowerCase();
  const name = who.displayName?.trim().toLowerCase();
  if (email && (lower === email || lower === email.split("@")[0])) return "errors.passwordPersonal";
  if (name && (lower === name || lower === name.replace(/\s+/g, ""))) return "errors.passwordPersonal";
  return null;
}
