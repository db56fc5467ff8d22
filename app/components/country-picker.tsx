// Choosing several countries. Without JavaScript (and in the server HTML): a checkbox list
// grouped by region in a scrollable fieldset. With JavaScript: a type-to-filter combobox
// (ARIA 1.2 combobox + listbox) that adds removable chips and submits the same field through
// hidden inputs. See docs/decisions/012-country-picker.md. The country list comes with the
// translations (useCountryOptions, decision 061), not with each page's loader data.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { escapeHtml } from "../../models/html-escape";
import { regionKey, regions } from "../../models/taxonomy";
import { useCountryOptions, type CountryOption } from "~/i18n/country-options";

export type { CountryOption };

export interface CountryPickerProps {
  /** id of the fieldset (no JS) or of the text input (JS): what labels and error links target. */
  id: string;
  name: string;
  defaultValue: string[];
  /** The field's name as a legend (no JS) and as a label for the input (JS). */
  legend: ReactNode;
  label: ReactNode;
  /** Plain-text name of the field, for the list of suggestions. */
  labelText: string;
  /** What the field means (how to use the control is added here). */
  hint?: string;
  error?: ReactNode;
  invalid?: boolean;
  errorId?: string;
}

type Group = { region: string; items: readonly CountryOption[] };
const groupsByList = new WeakMap<readonly CountryOption[], Group[]>();
/** Grouped in the taxonomy's region order, each group in the order of the localized names. */
function groupsOf(countries: readonly CountryOption[]): Group[] {
  let groups = groupsByList.get(countries);
  if (!groups) {
    groups = regions.map((r) => ({ region: r, items: countries.filter((c) => c.region === r) })).filter((g) => g.items.length > 0);
    groupsByList.set(countries, groups);
  }
  return groups;
}
/** Per language and field: the markup before and after each checkbox's `checked`, in order. */
const fallbackParts = new Map<string, { code: string; before: string; after: string }[]>();
/** The no-JavaScript list: a fieldset per region, a checkbox per country, `chosen` ticked. */
export function fallbackHtml(lng: string, id: string, name: string, groups: Group[], chosen: string[], regionName: (r: string) => string): string {
  const key = `${lng}\u0000${id}\u0000${name}`;
  let parts = fallbackParts.get(key);
  if (!parts) {
    parts = [];
    for (const g of groups) {
      let open = `<fieldset class="checkbox-grid"><legend>${escapeHtml(regionName(g.region))}</legend>`;
      g.items.forEach((c, i) => {
        const fid = escapeHtml(`${id}-${c.code}`);
        parts!.push({
          code: c.code,
          // React writes `checked` before `value`.
          before: `${open}<div class="check"><input type="checkbox" id="${fid}" name="${escapeHtml(name)}"`,
          after: ` value="${escapeHtml(c.code)}"/><label for="${fid}">${escapeHtml(c.name)}</label></div>${i === g.items.length - 1 ? "</fieldset>" : ""}`,
        });
        open = "";
      });
    }
    if (fallbackParts.size > 64) fallbackParts.clear();
    fallbackParts.set(key, parts);
  }
  const ticked = new Set(chosen);
  let html = "";
  for (const p of parts) html += p.before + (ticked.has(p.code) ? ' checked=""' : "") + p.after;
  return html;
}

const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();

export function CountryPicker(props: CountryPickerProps) {
  const { id, name, defaultValue, legend, hint, error, invalid, errorId } = props;
  const { t, i18n } = useTranslation("common");
  const countries = useCountryOptions();
  const [enhanced, setEnhanced] = useState(false);
  const [chosen, setChosen] = useState<string[]>(defaultValue);
  const fallback = useRef<HTMLFieldSetElement>(null);

  const groups = groupsOf(countries);

  useEffect(() => {
    // Keep whatever was ticked before the script arrived, then swap in the combobox.
    const ticked = fallback.current
      ? [...fallback.current.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((i) => i.value)
      : null;
    if (ticked) setChosen(ticked);
    setEnhanced(true);
  }, [name]);

  const hintId = `${id}-hint`;
  const describedBy = [hintId, invalid && errorId ? errorId : ""].filter(Boolean).join(" ");

  if (!enhanced) {
    return (
      <fieldset className="field country-fallback" id={id} ref={fallback} aria-describedby={describedBy}>
        {legend}
        <p className="hint" id={hintId}>
          {[t("countryPicker.howToNoScript"), hint].filter(Boolean).join(" ")}
        </p>
        {error}
        {/* 250 checkboxes of static markup: built as one string per language and field, the
            ticks set per render (the same function in the browser, so hydration matches). */}
        <div className="country-groups" dangerouslySetInnerHTML={{ __html: fallbackHtml(i18n.language, id, name, groups, chosen, (r) => t(regionKey(r), { ns: "taxonomy" })) }} />
      </fieldset>
    );
  }
  return <CountryCombobox {...props} countries={countries} chosen={chosen} setChosen={setChosen} hintId={hintId} describedBy={describedBy} groups={groups} />;
}

function CountryCombobox({
  id,
  name,
  countries,
  label,
  labelText,
  hint,
  error,
  invalid,
  chosen,
  setChosen,
  hintId,
  describedBy,
  groups,
}: CountryPickerProps & {
  countries: readonly CountryOption[];
  chosen: string[];
  setChosen: (next: string[]) => void;
  hintId: string;
  describedBy: string;
  groups: Group[];
}) {
  const { t } = useTranslation("common");
  const listId = `${id}-listbox`;
  const optionId = (code: string) => `${id}-option-${code}`;
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announcement, setAnnouncement] = useState("");
  const input = useRef<HTMLInputElement>(null);
  const chipList = useRef<HTMLUListElement>(null);
  const byCode = useMemo(() => new Map(countries.map((c) => [c.code, c])), [countries]);

  // Suggestions: not yet chosen, matching the typed text (accents and case ignored), names
  // that start with it first.
  const matches = useMemo(() => {
    const q = fold(query.trim());
    const left = countries.filter((c) => !chosen.includes(c.code));
    if (!q) return left;
    const starts: CountryOption[] = [];
    const inside: CountryOption[] = [];
    for (const c of left) {
      const n = fold(c.name);
      if (n.startsWith(q) || n.split(/[\s-]+/).some((w) => w.startsWith(q))) starts.push(c);
      else if (n.includes(q)) inside.push(c);
    }
    return [...starts, ...inside];
  }, [countries, chosen, query]);

  const noMatch = open && query.trim() && matches.length === 0 ? t("countryPicker.noMatch", { query: query.trim() }) : "";
  const activeOption = open && active >= 0 ? matches[active] : undefined;

  useEffect(() => {
    if (activeOption) document.getElementById(optionId(activeOption.code))?.scrollIntoView({ block: "nearest" });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeOption?.code]);

  const add = (c: CountryOption) => {
    setChosen([...chosen, c.code]);
    setQuery("");
    setOpen(false);
    setActive(-1);
    setAnnouncement(t("countryPicker.added", { name: c.name, count: chosen.length + 1 }));
    input.current?.focus();
  };

  const remove = (code: string, focusAfter: "input" | "neighbour" = "input") => {
    const i = chosen.indexOf(code);
    if (i < 0) return;
    const next = chosen.filter((c) => c !== code);
    setChosen(next);
    setAnnouncement(t("countryPicker.removed", { name: byCode.get(code)?.name ?? code, count: next.length }));
    if (focusAfter === "neighbour" && next.length > 0) {
      const target = Math.min(i, next.length - 1);
      // After React has removed the chip: focus the one now in its place (or the last).
      requestAnimationFrame(() => chipList.current?.querySelectorAll<HTMLButtonElement>("button")[target]?.focus());
    } else {
      input.current?.focus();
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    switch (e.key) {
      case "ArrowDown":
      case "ArrowUp": {
        e.preventDefault();
        if (matches.length === 0) return;
        const step = e.key === "ArrowDown" ? 1 : -1;
        if (!open) {
          setOpen(true);
          setActive(step === 1 ? Math.max(active, 0) : matches.length - 1);
          return;
        }
        setActive((active + step + matches.length) % matches.length);
        return;
      }
      case "Enter":
        // Enter picks; it never submits the whole form from here.
        e.preventDefault();
        if (activeOption) add(activeOption);
        return;
      case "Escape":
        if (open) {
          e.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (query) {
          e.preventDefault();
          setQuery("");
        }
        return;
      case "Backspace":
      case "Delete":
        if (query === "" && chosen.length > 0) {
          e.preventDefault();
          remove(chosen[chosen.length - 1]);
        }
        return;
      case "Tab":
        setOpen(false);
        return;
    }
  };

  // The hidden inputs carry the value, in the same order as the no-script checkboxes.
  const ordered = groups.flatMap((g) => g.items.filter((c) => chosen.includes(c.code)));

  return (
    <div className="field country-picker">
      {label}
      <p className="hint" id={hintId}>
        {[t("countryPicker.howTo"), hint].filter(Boolean).join(" ")}
      </p>
      {error}
      {chosen.length > 0 ? (
        <ul className="chips" ref={chipList} aria-label={t("countryPicker.chosen")}>
          {chosen.map((code) => {
            const c = byCode.get(code);
            const n = c?.name ?? code;
            return (
              <li key={code} className="chip">
                <span>{n}</span>
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={t("countryPicker.remove", { name: n })}
                  onClick={() => remove(code, "neighbour")}
                  onKeyDown={(e) => {
                    if (e.key === "Backspace" || e.key === "Delete") {
                      e.preventDefault();
                      remove(code, "neighbour");
                    }
                  }}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      {ordered.map((c) => (
        <input key={c.code} type="hidden" name={name} value={c.code} />
      ))}
      <div className="combobox">
        <input
          ref={input}
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={activeOption ? optionId(activeOption.code) : undefined}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
            setActive(e.target.value.trim() ? 0 : -1);
          }}
          onClick={() => setOpen(true)}
          onBlur={() => {
            setOpen(false);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
        />
        <ul role="listbox" id={listId} aria-label={labelText} className="combobox-list" hidden={!open || matches.length === 0}>
          {matches.map((c, i) => (
            <li
              key={c.code}
              id={optionId(c.code)}
              role="option"
              aria-selected={i === active}
              className={i === active ? "is-active" : undefined}
              // Keep the focus in the input while the pointer picks.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => add(c)}
            >
              {c.name}
            </li>
          ))}
        </ul>
      </div>
      {noMatch ? (
        <p className="hint" aria-hidden="true">
          {noMatch}
        </p>
      ) : null}
      <p className="visually-hidden" role="status" aria-live="polite">
        {noMatch || announcement}
      </p>
    </div>
  );
}
