// Practice field vocabularies that both the server and the browser need.
export const sectionKeys = ["context", "description", "implementation", "results", "lessons", "replicability"] as const;
export type SectionKey = (typeof sectionKeys)[number];
