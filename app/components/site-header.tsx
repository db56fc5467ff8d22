import { Form, Link, NavLink, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { languageNames, supportedLanguages, type Locale } from "~/i18n/config";
import { can } from "../../models/permissions";
import { CsrfField } from "./csrf-field";
import { ModerationNavItem, type ModerationCountsView } from "./moderation-nav-item";

interface RootLike {
  locale: Locale;
  user: { id: string; displayName: string; roles: string[] } | null;
  unread: number;
  moderation?: ModerationCountsView | null;
  /** The request named no page of the hub (scripts/serve.ts routed it to the error page). */
  refused?: boolean;
}

/** Where the header shows its menu open (the same breakpoint as in app.css). */
const WIDE = "(min-width: 64rem)";

function languageHref(search: string, pathname: string, lng: string) {
  const params = new URLSearchParams(search);
  params.set("lng", lng);
  return `${pathname}?${params.toString()}`;
}

export function SiteHeader() {
  const { t } = useTranslation();
  const data = useRouteLoaderData("root") as RootLike | undefined;
  const location = useLocation();
  const user = data?.user ?? null;
  const locale = data?.locale ?? "en";
  const menu = useRef<HTMLDetailsElement>(null);
  // Wide screens show the menu open (the stylesheet does it without JavaScript; opening the
  // <details> too keeps what assistive technology and scripts see in step). On narrow screens,
  // where links navigate without a page load, the menu folds after each navigation.
  // A menu the reader opened before the page hydrated stays open: on mount it is only opened
  // (wide screens), never closed; it folds on a change of width or of page.
  const mounted = useRef(false);
  useEffect(() => {
    const wide = window.matchMedia(WIDE);
    const sync = () => {
      if (menu.current) menu.current.open = wide.matches;
    };
    if (wide.matches) sync();
    wide.addEventListener("change", sync);
    return () => wide.removeEventListener("change", sync);
  }, []);
  useEffect(() => {
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    if (menu.current && !window.matchMedia(WIDE).matches) menu.current.open = false;
  }, [location.pathname, location.search]);
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <div className="container header-row">
        <Link to="/" className="brand">
          {t("site.name")}
        </Link>
        {/* On narrow screens the navigation folds into a menu that needs no JavaScript; on wide
            screens the stylesheet shows it open, without the summary. Add items as <li>s. */}
        <details className="site-menu" ref={menu}>
          <summary>
            {t("nav.menu")}
            <UnreadBadge count={data?.unread ?? 0} />
          </summary>
          <div className="site-menu-panel">
            <nav aria-label={t("nav.main")}>
              <ul className="nav-list">
                <li>
                  <NavLink to="/practices">{t("nav.practices")}</NavLink>
                </li>
                <li>
                  <NavLink to="/objectives">{t("nav.objectives")}</NavLink>
                </li>
                <li>
                  <NavLink to="/regions">{t("nav.regions")}</NavLink>
                </li>
                <li>
                  <NavLink to="/insights">{t("nav.insights")}</NavLink>
                </li>
                <li>
                  <NavLink to="/spaces">{t("nav.spaces")}</NavLink>
                </li>
                <li>
                  <NavLink to="/threads">{t("nav.threads")}</NavLink>
                </li>
                <li>
                  <NavLink to="/search">{t("nav.search")}</NavLink>
                </li>
              </ul>
            </nav>
            <nav aria-label={t("nav.account")} className="account-nav">
              <ul className="nav-list">
                {user ? (
                  <>
                    <li>
                      <NavLink to="/practices/new">{t("nav.submit")}</NavLink>
                    </li>
                    <li>
                      <NavLink to="/me/practices">{t("nav.mySubmissions")}</NavLink>
                    </li>
                    <li>
                      <NavLink to="/notifications">
                        {t("nav.notifications")}
                        <UnreadBadge count={data?.unread ?? 0} />
                      </NavLink>
                    </li>
                    <ModerationNavItem counts={data?.moderation} />
                    {can(user.roles, "admin:roles") ? (
                      <li>
                        <NavLink to="/admin">{t("nav.admin")}</NavLink>
                      </li>
                    ) : null}
                    <li>
                      <NavLink to="/me">{user.displayName}</NavLink>
                    </li>
                    <li>
                      <Form method="post" action="/logout" className="inline-form">
                        <CsrfField />
                        <button type="submit" className="link-button">
                          {t("nav.logout")}
                        </button>
                      </Form>
                    </li>
                  </>
                ) : (
                  <>
                    <li>
                      <NavLink to="/login">{t("nav.login")}</NavLink>
                    </li>
                    <li>
                      <NavLink to="/register">{t("nav.register")}</NavLink>
                    </li>
                  </>
                )}
              </ul>
            </nav>
          </div>
        </details>
        <nav aria-label={t("nav.language")} className="language-nav">
          <ul className="nav-list">
            {supportedLanguages.map((lng) => (
              <li key={lng}>
                <a
                  href={data?.refused ? `/?lng=${lng}` : languageHref(location.search, location.pathname, lng)}
                  lang={lng}
                  hrefLang={lng}
                  aria-current={lng === locale ? "true" : undefined}
                >
                  {languageNames[lng]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
  );
}

/** The unread-notifications count beside a label: a visual badge plus words for screen readers. */
function UnreadBadge({ count }: { count: number }) {
  const { t } = useTranslation();
  if (count <= 0) return null;
  return (
    <>
      {" "}
      <span className="badge" aria-hidden="true">
        {count}
      </span>
      <span className="visually-hidden">({t("nav.unread", { count })})</span>
    </>
  );
}
