import { json } from "@remix-run/node";
import { mongoHealthy } from "~/models.server";
import { searchHealth } from "~/models.server";

export async function loader() {
  const [mongo, search] = await Promise.all([mongoHealthy(), searchHealth()]);
  const body = { mongo: mongo ? "ok" : "down", search: search.ok ? "ok" : "down", pending: search.pending };
  return json(body, { status: mongo && search.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
