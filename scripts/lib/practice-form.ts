// A complete practice submission as the no-JavaScript editor posts it.
// Shared by the integration tests (short texts) and the benchmarks (realistic lengths).
export type PracticeFormFields = Record<string, string | string[]>;

export function practiceFormFields(title: string, overrides: PracticeFormFields = {}): PracticeFormFields {
  return {
    title,
    summary: "A short summary of the practice for listings.",
    language: "en",
    context: "Context paragraph.",
    description: "Description of what the practice does.\n\nSecond paragraph.",
    implementation: "",
    results: "",
    lessons: "",
    replicability: "",
    organizations: "Ministry of Labour (test)\nCity Council (test)",
    partners: "",
    stakeholderTypes: ["government"],
    contactName: "Ana Test",
    contactEmail: "ana@example.org",
    countries: ["GH", "SN"],
    scope: "regional",
    objectives: ["5", "18"],
    principles: ["people-centred"],
    startDate: "2024-01-15",
    endDate: "",
    implementationStatus: "ongoing",
    budgetRange: "50k-250k",
    fundingSource: "Government budget",
    "linkTitle-0": "Report",
    "linkUrl-0": "https://example.org/report",
    evidenceLevel: "not-assessed",
    ...overrides,
  };
}
