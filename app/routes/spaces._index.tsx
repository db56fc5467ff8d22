import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SpaceCard } from "~/components/space-card";
import { titleMeta } from "~/lib/meta";
import { can } from "../../models/permissions";
import { i18nFor } from "~/lib/request.server";
import { getUser } from "~/lib/session.server";
import { listSpaces, spaceText } from "~/models.server";

const pick = (x: { title: string; description: string }) => ({ title: x.title, description: x.description });

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const { t, locale } = i18nFor(request, "threads");
  const user = await getUser(request);
  // each space's title and description in the reader's language when given
  const spaces = (await listSpaces()).map(({ titles, descriptions, ...s }) => ({ ...s, ...pick(spaceText({ ...s, titles, descriptions }, locale)) }));
  return json({ title: t("spaces.title"), spaces, canAdmin: can(user?.roles, "admin:spaces") });
}

export default function SpacesIndex() {
  const { spaces, canAdmin } = useLoaderData<typeof loader>();
  const { t } = useTranslation("threads");
  return (
    <div className="container">
      <h1>{t("spaces.title")}</h1>
      <p className="lead">{t("spaces.lead")}</p>
      {canAdmin ? (
        <p>
          <Link className="button" to="/spaces/new">
            {t("spaces.new")}
          </Link>
        </p>
      ) : null}
      <ul className="card-list space-list">
        {spaces.map((s) => (
          <li key={s.id}>
            <SpaceCard space={s} />
          </li>
        ))}
      </ul>
    </div>
  );
}
