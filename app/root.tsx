import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SiteHeader } from "./components/site-header";
import { SiteFooter } from "./components/site-footer";
import { textDirection, type Locale } from "./i18n/config";
import { detectLocale } from "./i18n/locale.server";
import { clientI18nScript, getT } from "./i18n/resources.server";
import { useNonce } from "./lib/nonce";
import { isServiceDown } from "./lib/service-errors";
import { getUser } from "./lib/session.server";
import { moderationCounts, submissionsWaiting, toPublicUser, unreadCount, type ModerationCounts } from "~/models.server";
import styles from "./styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const locale = detectLocale(request);
  let user = null;
  let unread = 0;
  let moderation: ModerationCounts | null = null;
  try {
    const u = await getUser(request);
    if (u) {
      user = toPublicUser(u);
      [unread, moderation] = await Promise.all([unreadCount(u), moderationCounts(user, submissionsWaiting)]);
    }
  } catch {
    // The database is down: pages still render for anonymous visitors.
  }
  return json({ locale, i18nScript: clientI18nScript(locale).path, siteName: getT(locale)("site.name"), csrfToken: context.csrfToken ?? "", user, unread, moderation, refused: Boolean(context.rejected) });
}

export type RootData = ReturnType<typeof useLoaderData<typeof loader>>;

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const { t, i18n } = useTranslation();
  const locale = (data?.locale ?? i18n.language ?? "en") as Locale;
  const nonce = useNonce();
  // The error page's title belongs in <head>: route meta does not run for the root's boundary.
  const error = useRouteError();
  return (
    <html lang={locale} dir={textDirection(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {error ? <title>{`${t(`errors.${errorKey(error)}Title`)} · ${t("site.name")}`}</title> : <Meta />}
        <Links />
      </head>
      <body>
        {children}
        {/* The language's translations, before the app's modules run (they hydrate with them). */}
        <script src={data?.i18nScript ?? `/i18n/${locale}.js`} nonce={nonce} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return (
    <>
      <SiteHeader />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <SiteFooter />
    </>
  );
}

/** The translation key (under `errors.`) of the page shown for an error. */
function errorKey(error: unknown) {
  const status = isRouteErrorResponse(error) ? error.status : isServiceDown(error) ? 503 : 500;
  return status === 404 ? "notFound" : status === 403 ? "forbidden" : status === 405 ? "methodNotAllowed" : status === 400 ? "badRequest" : status === 413 ? "tooLarge" : status === 503 ? "unavailable" : "generic";
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const key = errorKey(error);
  return (
    <>
      <SiteHeader />
      <main id="main" tabIndex={-1} className="container">
        <h1>{t(`errors.${key}Title`)}</h1>
        <p>{t(`errors.${key}`)}</p>
        <p>
          <a href="/">{t("errors.backHome")}</a>
        </p>
      </main>
      <SiteFooter />
    </>
  );
}
