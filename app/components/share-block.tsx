// "Share": the page's canonical link, selectable without JavaScript; with it, a button copies the
// link and says so in a live region.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

export function ShareBlock({ url, title, lang }: { url: string; title: string; lang?: string }) {
  const { t } = useTranslation("practices");
  const [scripted, setScripted] = useState(false);
  const [copied, setCopied] = useState<"" | "ok" | "failed">("");
  useEffect(() => setScripted(typeof navigator !== "undefined" && !!navigator.clipboard), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("ok");
    } catch {
      setCopied("failed");
    }
  };
  return (
    <section className="share-block" aria-labelledby="share-title" lang={lang}>
      <h2 id="share-title">{t("share.title")}</h2>
      <label htmlFor="share-url">{t("share.link")}</label>
      <div className="share-row">
        <input id="share-url" type="url" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
        {scripted ? (
          <button type="button" onClick={copy} aria-describedby="share-status">
            {t("share.copy")}
          </button>
        ) : null}
      </div>
      <p id="share-status" role="status" className="hint">
        {copied === "ok" ? t("share.copied") : copied === "failed" ? t("share.copyFailed") : ""}
      </p>
      <p className="share-links">
        <a href={`mailto:?subject=${encodeURIComponent(title)}&body=${encodeURIComponent(url)}`}>{t("share.email")}</a>
      </p>
    </section>
  );
}
