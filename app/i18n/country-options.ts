// The country list of the page's language (decision 061): sorted by the localized names, with
// each country's UN M49 region. It travels with the translations — in the server's i18next
// resources, and in the browser's cached translations script — rather than in the loader data
// of every page with a country field.
import { useTranslation } from "react-i18next";
import { COUNTRY_LIST_NS } from "./config";

export interface CountryOption {
  code: string;
  name: string;
  region: string;
}

/** The countries sorted by their name in the page's language, with their UN M49 region: from
 *  the i18next resources on the server and from the cached translations script in the browser. */
export function useCountryOptions(): readonly CountryOption[] {
  const { i18n } = useTranslation("common");
  return (i18n.getResource(i18n.language, COUNTRY_LIST_NS, "list") as CountryOption[] | undefined) ?? [];
}
