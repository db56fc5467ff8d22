// Renders a queued mail job into a multipart message (text and HTML) in the recipient's language.
// Every value that reaches the HTML is escaped; links are absolute, built on mailOrigin().
import type { TFunction } from "i18next";
import { getT } from "~/i18n/resources.server";
import { isLocale, textDirection, defaultLanguage, type Locale } from "~/i18n/config";
import { notificationComment, notificationText } from "~/lib/notification-text";
import { unsubscribeUrl } from "~/mail/unsubscribe.server";
import type { MailJobDoc } from "../../models/mail-queue.server";
import { escapeHtml } from "../../models/html-escape";
import { isMailCategory, type MailCategory } from "../../models/mail-preferences";

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/** The origin of links in mail: HUB_PUBLIC_URL, else the address the hub listens on. */
export function mailOrigin(): string {
  for (const v of [process.env.HUB_PUBLIC_URL, process.env.HUB_URL]) {
    try {
      if (v?.trim()) return new URL(v.trim()).origin;
    } catch {
      /* malformed: try the next */
    }
  }
  return `http://localhost:${process.env.PORT ?? "3000"}`;
}

const esc = (s: unknown) => escapeHtml(String(s ?? ""));
const abs = (url: string) => (/^https?:\/\//.test(url) ? url : `${mailOrigin()}${url.startsWith("/") ? url : `/${url}`}`);
const str = (v: unknown) => (typeof v === "string" ? v : "");

/** One block of a message: a paragraph, a button-like link, a list, or a quotation. */
type Block = { p: string } | { link: string; label: string } | { list: { text: string; url: string }[] } | { quote: string };

function textOf(blocks: Block[]): string {
  return blocks
    .map((b) => {
      if ("p" in b) return b.p;
      if ("link" in b) return `${b.label}:\n${b.link}`;
      if ("list" in b) return b.list.map((i) => `- ${i.text}\n  ${i.url}`).join("\n");
      return b.quote
        .split("\n")
        .map((l) => `> ${l}`)
        .join("\n");
    })
    .join("\n\n");
}

function htmlOf(locale: Locale, subject: string, blocks: Block[]): string {
  const body = blocks
    .map((b) => {
      if ("p" in b) return `<p>${esc(b.p).replace(/\n/g, "<br>")}</p>`;
      if ("link" in b)
        return `<p><a href="${esc(b.link)}" style="display:inline-block;padding:10px 16px;background:#0b5394;color:#ffffff;border-radius:4px;text-decoration:none">${esc(b.label)}</a></p><p style="font-size:13px;color:#444444;word-break:break-all">${esc(b.link)}</p>`;
      if ("list" in b) return `<ul>${b.list.map((i) => `<li><a href="${esc(i.url)}">${esc(i.text)}</a></li>`).join("")}</ul>`;
      return `<blockquote style="margin:0 0 16px;padding:8px 12px;border-inline-start:4px solid #cccccc;color:#333333">${esc(b.quote).replace(/\n/g, "<br>")}</blockquote>`;
    })
    .join("\n");
  return `<!DOCTYPE html>
<html lang="${locale}" dir="${textDirection(locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${esc(subject)}</title></head>
<body style="margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">
<div style="max-width:600px;margin:0 auto">
${body}
</div>
</body>
</html>
`;
}

interface Composed {
  subject: string;
  blocks: Block[];
  headers?: Record<string, string>;
  footer?: Block[];
}

function compose(job: MailJobDoc, t: TFunction, locale: Locale): Composed {
  const p = job.params;
  const hello: Block = { p: job.toName ? t("greeting", { name: job.toName }) : t("greetingAnonymous") };
  const sign: Block = { p: t("signature") };
  switch (job.template) {
    case "password-reset":
      return {
        subject: t("passwordReset.subject"),
        blocks: [hello, { p: t("passwordReset.intro") }, { link: abs(str(p.link)), label: t("passwordReset.action") }, { p: t("passwordReset.validity") }, { p: t("passwordReset.ignore") }, sign],
      };
    case "verify-email":
      return {
        subject: t("verifyEmail.subject"),
        blocks: [hello, { p: t("verifyEmail.intro") }, { link: abs(str(p.link)), label: t("verifyEmail.action") }, { p: t("verifyEmail.validity") }, { p: t("verifyEmail.ignore") }, sign],
      };
    case "account-exists":
      return {
        subject: t("accountExists.subject"),
        blocks: [hello, { p: t("accountExists.intro") }, { link: abs("/login"), label: t("accountExists.login") }, { link: abs("/forgot-password"), label: t("accountExists.reset") }, { p: t("accountExists.ignore") }, sign],
      };
    case "contact": {
      const title = str(p.title);
      const sender = str(p.senderName);
      return {
        subject: t("contact.subject", { title }),
        blocks: [hello, { p: t("contact.intro", { sender, title }) }, { quote: str(p.message) }, { p: t("contact.reply", { sender }) }, { link: abs(str(p.url)), label: t("contact.practice") }],
      };
    }
    case "notification": {
      const kind = str(p.kind);
      const stored = (p.params ?? {}) as Record<string, unknown>;
      const text = notificationText(t, kind, stored);
      const comment = notificationComment(kind, stored);
      return {
        subject: t("notification.subject", { text }),
        blocks: [hello, { p: text }, ...(comment ? [{ quote: comment }] : []), { link: abs(str(p.url)), label: t("notification.open") }],
      };
    }
    case "digest": {
      const items = (Array.isArray(p.items) ? p.items : []) as { kind: string; params: Record<string, unknown>; url: string }[];
      const cadence = p.cadence === "weekly" ? "weekly" : "daily";
      return {
        subject: t(`digest.subject_${cadence}`),
        blocks: [hello, { p: t("digest.intro", { count: items.length }) }, { list: items.map((i) => ({ text: notificationText(t, i.kind, i.params ?? {}), url: abs(i.url) })) }, sign],
      };
    }
  }
}

/** The message for a job; notifications and digests carry a one-click unsubscribe per category. */
export function renderMail(job: MailJobDoc): RenderedMail {
  const locale: Locale = isLocale(job.locale) ? job.locale : defaultLanguage;
  const t = getT(locale, ["mail", "threads"]);
  const c = compose(job, t, locale);
  const headers: Record<string, string> = { "Content-Language": locale };
  const footer: Block[] = [];
  const categories = (Array.isArray(job.params.categories) ? job.params.categories : [job.params.category]).filter(isMailCategory) as MailCategory[];
  if ((job.template === "notification" || job.template === "digest") && job.userId && categories.length) {
    const links = categories.map((cat) => ({ cat, url: unsubscribeUrl(job.userId!, [cat], mailOrigin()) }));
    // RFC 2369 / RFC 8058: the mail client's own unsubscribe button posts to this link, which
    // stops every category the message carries (and nothing else).
    headers["List-Unsubscribe"] = `<${unsubscribeUrl(job.userId, categories, mailOrigin())}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
    headers["Auto-Submitted"] = "auto-generated";
    footer.push({ p: t("notification.why") });
    for (const l of links) footer.push({ link: l.url, label: t("notification.unsubscribe", { category: t(`categories.${l.cat}`) }) });
    footer.push({ link: abs("/me#email"), label: t("notification.settings") });
  } else {
    footer.push({ p: t("footer") });
  }
  const blocks = [...c.blocks, ...footer];
  return { subject: c.subject.replace(/[\r\n]+/g, " ").slice(0, 200), text: `${textOf(blocks)}\n`, html: htmlOf(locale, c.subject, blocks), headers };
}
