import type { MetaFunction } from "@remix-run/node";

/** Routes return `title` (already translated) from their loader; this turns it into <title>. */
export const titleMeta: MetaFunction = ({ data, matches }) => {
  const root = matches.find((m) => m.id === "root")?.data as { resources?: { common?: { site?: { name?: string } } } } | undefined;
  const site = root?.resources?.common?.site?.name ?? "Migration Practice Hub";
  const title = (data as { title?: string } | undefined)?.title;
  return [{ title: title ? `${title} · ${site}` : site }];
};
