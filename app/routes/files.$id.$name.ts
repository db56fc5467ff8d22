// Serves a practice's file from GridFS (decision 043): the stored type, a download name, no
// sniffing, and a policy under which nothing in it can run. Files of a practice the public
// cannot see yet are answered only to its owner and moderators; anyone else gets a 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { i18nFor } from "~/lib/request.server";
import { getUser } from "~/lib/session.server";
import { findServedFile, openStoredFile } from "~/models.server";
import { can } from "../../models/permissions";
import { attachmentKindInfo } from "../../models/attachment-rules";

function contentDisposition(kind: "inline" | "attachment", name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t } = i18nFor(request, "common");
  const notFound = () => new Response(t("errors.notFound"), { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const served = await findServedFile(params.id ?? "");
  if (!served) return notFound();
  if (!served.public) {
    const viewer = await getUser(request).catch(() => null);
    const allowed = viewer && (String(viewer._id) === String(served.practice.ownerId) || can(viewer.roles, "review:practice"));
    if (!allowed) return notFound();
  }
  const { file, attachment, thumb } = served;
  const contentType = thumb ? "image/webp" : attachmentKindInfo[attachment.kind].mime;
  const image = thumb || attachmentKindInfo[attachment.kind].image;
  const etag = `"${String(file._id)}"`;
  const headers = new Headers({
    "Content-Type": contentType,
    "Content-Disposition": contentDisposition(image ? "inline" : "attachment", thumb ? "thumb.webp" : attachment.name),
    "X-Content-Type-Options": "nosniff",
    // Nothing served from here runs: no script, no plugin, no frame, a sandbox around the rest.
    "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    "Cross-Origin-Resource-Policy": "same-origin",
    // A file's bytes never change (a new upload is a new id).
    ETag: etag,
    "Cache-Control": served.public ? "public, max-age=86400" : "private, no-store",
  });
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  headers.set("Content-Length", String(file.length));
  if (request.method === "HEAD") return new Response(null, { status: 200, headers });
  const stream = await openStoredFile(file._id);
  return new Response(createReadableStreamFromReadable(stream), { status: 200, headers });
}
