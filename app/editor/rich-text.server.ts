// Rich-text rendering lives in models/rich-text/render.server.ts (models/ import nothing from
// app/); this path stays for the seed scripts that import it.
export * from "../../models/rich-text/render.server";
