import { RemixBrowser } from "@remix-run/react";
import { createInstance } from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { defaultLanguage, namespaces } from "./i18n/config";

declare global {
  interface Window {
    /** Set by the page's /i18n/<locale>.<hash>.js script (decision 049). */
    __hubI18n?: { locale: string; resources: Record<string, Record<string, unknown>> };
  }
}

const loaded = window.__hubI18n;
const locale = loaded?.locale ?? document.documentElement.lang ?? defaultLanguage;
const i18n = createInstance();
void i18n.use(initReactI18next).init({
  lng: locale,
  fallbackLng: defaultLanguage,
  ns: [...namespaces],
  defaultNS: "common",
  resources: loaded ? { [locale]: loaded.resources } : {},
  interpolation: { escapeValue: false },
  showSupportNotice: false,
  initAsync: false,
});

startTransition(() => {
  hydrateRoot(
    document,
    <I18nextProvider i18n={i18n}>
      <StrictMode>
        <RemixBrowser />
      </StrictMode>
    </I18nextProvider>,
  );
});
