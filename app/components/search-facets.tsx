import { useEffect, useRef } from "react";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export interface FacetOption {
  value: string;
  label: string;
  /** null when counts are unavailable (Meilisearch down). */
  count: number | null;
  checked: boolean;
}

export interface FacetGroup {
  /** The URL parameter (objective, principle, …). */
  param: string;
  /** i18n key (search namespace) of the group's title. */
  titleKey: string;
  options: FacetOption[];
  /** A long list shortened to its most frequent values: the link to all of them (or back). */
  toggle?: { href: string; label: string; expanded: boolean };
}

/** Checkbox lists with counts; part of the page's GET form, so they work without JavaScript. */
export function SearchFacets({ groups }: { groups: FacetGroup[] }) {
  const { t } = useTranslation("search");
  const ref = useRef<HTMLDivElement>(null);
  // The boxes are uncontrolled (plain form fields); follow the URL when it changes elsewhere
  // (a removed chip, the back button) without remounting them, so focus stays put.
  useEffect(() => {
    const checked = new Set(groups.flatMap((g) => g.options.filter((o) => o.checked).map((o) => `${g.param}=${o.value}`)));
    for (const el of ref.current?.querySelectorAll<HTMLInputElement>("input[type=checkbox]") ?? []) {
      el.checked = checked.has(`${el.name}=${el.value}`);
    }
  }, [groups]);
  return (
    <div className="search-facets" ref={ref}>
      {groups.map((g) =>
        g.options.length === 0 ? null : (
          <fieldset key={g.param} className="search-facet" id={`facet-group-${g.param}`}>
            <legend>{t(g.titleKey)}</legend>
            <ul className={g.options.length > 12 ? "search-facet-options search-facet-long" : "search-facet-options"}>
              {g.options.map((o) => {
                const id = `facet-${g.param}-${o.value.replace(/[^A-Za-z0-9-]/g, "_")}`;
                return (
                  <li key={o.value}>
                    <input type="checkbox" id={id} name={g.param} value={o.value} defaultChecked={o.checked} />
                    <label htmlFor={id}>
                      {o.label}
                      {o.count !== null ? (
                        <span className="search-facet-count">
                          {" "}
                          <span aria-hidden="true">({o.count})</span>
                          <span className="visually-hidden">{t("facets.count", { count: o.count })}</span>
                        </span>
                      ) : null}
                    </label>
                  </li>
                );
              })}
            </ul>
            {g.toggle ? (
              <p className="search-facet-toggle">
                {/* The whole list stays when other filters change (the form sends this along). */}
                {g.toggle.expanded ? <input type="hidden" name="more" value={g.param} /> : null}
                <Link to={g.toggle.href} preventScrollReset>
                  {g.toggle.label}
                </Link>
              </p>
            ) : null}
          </fieldset>
        ),
      )}
    </div>
  );
}
