/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  // Browser assets live inside build/ so the repository root stays as documented.
  assetsBuildDirectory: "build/public/build",
  publicPath: "/build/",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    // Loader data comes from `<path>.data` (one request for every route), not `?_data=`.
    v3_singleFetch: true,
  },
};
