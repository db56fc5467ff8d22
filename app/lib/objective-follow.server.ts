// Following a GCM objective, from its own page (/objectives/:n) or its discussions
// (/threads?objective=n): one action for both, back to the page it came from.
import { redirect } from "@remix-run/node";
import { follow, unfollow, validFollowTarget } from "~/models.server";
import { i18nFor } from "./request.server";
import { requireUser } from "./session.server";

export async function objectiveFollowAction(request: Request, form: FormData, back: (n: string) => string) {
  const user = await requireUser(request);
  const { t } = i18nFor(request, "threads");
  const intent = String(form.get("intent") ?? "");
  const key = String(form.get("targetKey") ?? "");
  if (String(form.get("targetType")) !== "objective" || !validFollowTarget("objective", key)) throw new Response(t("errors.invalidRequest"), { status: 400 });
  if (intent === "follow") await follow(String(user._id), "objective", key);
  else if (intent === "unfollow") await unfollow(String(user._id), "objective", key);
  else throw new Response(t("errors.invalidRequest"), { status: 400 });
  return redirect(back(key));
}
