// Stop words of the six UN languages: the maintained lists of the `stopword` package, minus the
// words that negate or exclude ("غير" in «الهجرة غير النظامية», irregular migration; "sans",
// "sin", "without", "не", "不" …), which must never be dropped from a query or a term.
import { ara, eng, fra, rus, spa, zho } from "stopword";

const keep = new Set([
  "no", "not", "non", "nor", "without", "against",
  "ne", "pas", "sans", "contre", "ni",
  "sin", "contra",
  "غير", "لا", "لم", "لن", "ليس", "ليست", "بدون", "دون", "عدم", "ضد",
  "не", "нет", "без", "ни", "против",
  "不", "没", "没有", "无", "非", "未", "别",
]);

/** Lower-case words only (no punctuation), negations kept out. */
export const stopWords: string[] = [
  ...new Set(
    [...eng, ...fra, ...spa, ...ara, ...zho, ...rus]
      .map((w) => w.trim().toLowerCase())
      .filter((w) => /^[\p{L}\p{M}'’-]+$/u.test(w) && !keep.has(w)),
  ),
].sort();

export const stopWordSet: ReadonlySet<string> = new Set(stopWords);
