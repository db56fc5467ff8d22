/** @type {import('@remix-run/dev').AppConfig} */
// HUB_BUILD_DIR lets several checkouts or test runs build side by side.
const out = process.env.HUB_BUILD_DIR;
export default {
  ...(out ? { serverBuildPath: `${out}/index.js`, assetsBuildDirectory: `${out}/public/build` } : {}),
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  serverDependenciesToBundle: [/^lexical/, /^@lexical\//],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // The whole route manifest is one cached static script (decision 041): no manifest requests that a quick
    // navigation can cancel mid-flight (Remix then logs "Failed to fetch manifest patches").
    v3_lazyRouteDiscovery: false,
    v3_singleFetch: false,
  },
};
