// Slugs from titles, one rule for every kind (practices, calls, spaces): transliterated to ASCII
// (accents dropped, Cyrillic, Greek and Arabic romanized), lowercase, hyphenated, cut at a word
// boundary to at most `max` characters. A title with nothing to transliterate (Chinese, say)
// gets the kind's fallback word, which the forms then let the author change.
const special: Record<string, string> = {
  ß: "ss", æ: "ae", Æ: "ae", ø: "o", Ø: "o", œ: "oe", Œ: "oe", ł: "l", Ł: "l", đ: "d", Đ: "d", ð: "d", þ: "th", ı: "i", "&": " and ",
  // Cyrillic
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ё: "e", ж: "zh", з: "z", и: "i", й: "i", к: "k", л: "l", м: "m", н: "n", о: "o",
  п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "kh", ц: "ts", ч: "ch", ш: "sh", щ: "shch", ъ: "", ы: "y", ь: "", э: "e", ю: "iu", я: "ia",
  // Greek
  α: "a", β: "v", γ: "g", δ: "d", ε: "e", ζ: "z", η: "i", θ: "th", ι: "i", κ: "k", λ: "l", μ: "m", ν: "n", ξ: "x", ο: "o", π: "p",
  ρ: "r", σ: "s", ς: "s", τ: "t", υ: "y", φ: "f", χ: "ch", ψ: "ps", ω: "o",
  // Arabic (simple romanization)
  ا: "a", أ: "a", إ: "i", آ: "a", ب: "b", ت: "t", ث: "th", ج: "j", ح: "h", خ: "kh", د: "d", ذ: "dh", ر: "r", ز: "z", س: "s", ش: "sh",
  ص: "s", ض: "d", ط: "t", ظ: "z", ع: "", غ: "gh", ف: "f", ق: "q", ك: "k", ل: "l", م: "m", ن: "n", ه: "h", ة: "a", و: "w", ي: "y", ى: "a",
};

export function slugify(text: string, opts: { max?: number; fallback?: string } = {}): string {
  const max = opts.max ?? 80;
  const ascii = [...text.normalize("NFKD")]
    .map((ch) => special[ch] ?? special[ch.toLowerCase()] ?? ch)
    .join("")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const cut = ascii.length > max ? ascii.slice(0, max).replace(/-[^-]*$/, "") || ascii.slice(0, max) : ascii;
  return cut.replace(/-+$/g, "") || (opts.fallback ?? "");
}
