// Lint config, flat (ESLint 9). Besides typescript-eslint's recommended rules, it enforces the
// boundaries of docs/conventions.md: workspaces meet only through package entry points, shared/ has no
// I/O, client services know nothing of Solid, the relay cannot import anything that decrypts, and
// product code cannot import test helpers (the @porch/testing workspace, the unit-test kits).
import { builtinModules } from "node:module";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/**
 * Core `no-restricted-imports` replaces (does not merge) its options when several config objects
 * match one file, so every area below lists the cross-workspace patterns plus its own.
 */
const crossWorkspace = [
  {
    regex: String.raw`(^|/)shared/src(/|$)`,
    message:
      "Import @porch/shared (or @porch/shared/sealing), never shared/src: workspaces meet through entry points only.",
  },
  {
    regex: String.raw`(^|/)sync-server/src(/|$)`,
    message: "Import @porch/sync-server, never sync-server/src: workspaces meet through entry points only.",
  },
  {
    regex: String.raw`(^|/)client/src(/|$)`,
    message: "Do not reach into client/src from another workspace: workspaces meet through entry points only.",
  },
  {
    // `src/` paths are already reported above, with a more precise message.
    regex: String.raw`^(\.\./)+(shared|sync-server|client)(/(?!src(/|$))|$)`,
    message: "No relative imports across workspaces: import @porch/shared (or its exports) instead.",
  },
];

const relayOnly = [
  {
    regex: String.raw`^@porch/shared/sealing(/|$)`,
    message: "The relay must never be able to decrypt: @porch/shared/sealing is client-only.",
  },
  {
    regex: String.raw`^libsodium-wrappers(-sumo)?(/|$)`,
    message: "The relay does not use libsodium directly: verify signatures through @porch/shared.",
  },
];

const builtins = builtinModules
  .filter((m) => !m.startsWith("_"))
  .map(escape)
  .join("|");
const sharedOnly = [
  {
    regex: String.raw`^@porch/(client|sync-server)(/|$)`,
    message: "shared/ imports neither the client nor the relay.",
  },
  {
    regex: String.raw`^(solid-js|hono|@hono/[^/]+)(/|$)`,
    message: "shared/ is framework-free: no Solid, no Hono.",
  },
  {
    regex: String.raw`^(node:.*|(${builtins})(/.*)?)$`,
    message: "shared/ has no I/O and runs in the browser: no Node built-ins.",
  },
];

const coreOnly = [
  {
    regex: String.raw`^(solid-js|@solid-primitives/[^/]+)(/|$)`,
    message:
      "client/src/core runs in a Web Worker and is framework-free: expose plain data and let primitives/ wrap it for Solid.",
  },
  {
    regex: String.raw`(^|/)(components|routes|primitives|boot)/|(^|/)app\.tsx$`,
    message: "The core never imports UI code: the UI reaches it through core/api (commands in, views out).",
  },
];

// The layers of client/src/core, one-way (docs/conventions.md): UI → api; features → engine, doc, api;
// engine → nothing above it; doc → api's types and vocabulary only.
const uiLayer = [
  {
    regex: String.raw`(^|/)core/(?!api/)`,
    message:
      "The UI imports only core/api (types, vocabulary, pure selectors): the rest of the core runs in the worker.",
  },
];
const apiLayer = [
  {
    regex: String.raw`(^|/)(engine|features|doc|store)/|(^|/)(porch-core|core-host|core-context|core-worker)\.ts$|^@automerge/`,
    message: "core/api is what the UI may load: it imports nothing of the core's runtime (and no Automerge).",
  },
];
const engineLayer = [
  {
    regex: String.raw`(^|/)(features|doc|api)/`,
    message: "The engine is generic over documents: it never imports features, a document model or the UI's API.",
  },
];
const docLayer = [
  {
    regex: String.raw`(^|/)(features|engine|store)/`,
    message: "The document model imports neither features nor the engine.",
  },
];
/** doc/ may read api's types and its vocabulary, never the rest of api's runtime. */
const docApiRuntime = [
  {
    regex: String.raw`(^|/)api/(?!vocabulary\.ts$)`,
    message: "The document model imports only types from core/api (values only from api/vocabulary.ts).",
    allowTypeImports: true,
  },
];
const featuresLayer = [];

/**
 * The organization's dashboard (client/src/org/) is a page of its own: it shares nothing with the member
 * app's screens or its worker core — only the aggregation entry (the agents and the relay connection),
 * the API's types, and local-db's wrap/unwrap of a secret.
 */
const orgPage = [
  {
    regex: String.raw`(^|/)(routes|boot)/|(^|/)app\.tsx$|(^|/)core/(?!aggregation\.ts$|api/|store/local-db\.ts$)`,
    message:
      "The /org dashboard shares nothing with the member app but the aggregation entry (core/aggregation.ts), core/api types and local-db's secret wrapping.",
  },
];

const clientOnly = [
  {
    regex: String.raw`^libsodium-wrappers$`,
    message:
      "The client reaches libsodium only through @porch/shared (and @porch/shared/sealing): one audited set of crypto steps.",
  },
];

/** Test helpers stay out of the product: only test files (and bench/, testing/ itself) import them. */
const productOnly = [
  {
    regex: String.raw`^@porch/testing(/|$)`,
    message: "Product code never imports @porch/testing: test helpers are for *.test.ts files, tests/ and bench/.",
  },
  {
    regex: String.raw`(^|/)[a-z-]*test-kit(\.ts)?$`,
    message: "Product code never imports a test kit: it exists for the *.test.ts files beside it.",
  },
];

const restrict = (patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

/**
 * One product area: its own patterns plus `productOnly` for product files, and the same patterns
 * without `productOnly` for the test files and test kits that live beside the code.
 */
const area = (glob, patterns) => [
  { files: [glob], rules: restrict([...crossWorkspace, ...patterns, ...productOnly]) },
  { files: [`${glob}/*.test.ts`, `${glob}/*test-kit.ts`], rules: restrict([...crossWorkspace, ...patterns]) },
];

export default defineConfig(
  {
    ignores: ["**/node_modules/**", "**/dist/**", "**/dev-dist/**", "data/**", "coverage/**", "test-results/**"],
  },
  tseslint.configs.recommended,
  {
    rules: {
      "no-console": "off",
      ...restrict(crossWorkspace),
    },
  },
  // The relay's tests keep relayOnly too: they reach sealing only through @porch/testing.
  ...area("sync-server/**", relayOnly),
  ...area("shared/**", sharedOnly),
  ...area("client/**", clientOnly),
  ...area("client/src/core/**", [...clientOnly, ...coreOnly]),
  ...area("client/src/core/api/**", [...clientOnly, ...coreOnly, ...apiLayer]),
  ...area("client/src/core/engine/**", [...clientOnly, ...coreOnly, ...engineLayer]),
  ...area("client/src/core/doc/**", [...clientOnly, ...coreOnly, ...docLayer]),
  ...area("client/src/core/features/**", [...clientOnly, ...coreOnly, ...featuresLayer]),
  ...area("client/src/{components,routes,primitives}/**", [...clientOnly, ...uiLayer]),
  ...area("client/src/app.tsx", [...clientOnly, ...uiLayer]),
  ...area("client/src/org/**", [...clientOnly, ...orgPage]),
  {
    files: ["client/src/core/doc/**"],
    ignores: ["**/*.test.ts", "**/*test-kit.ts"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: docApiRuntime }] },
  },
  {
    // Benchmarks are not product code: they time the client's internals (document operations, the
    // sync engine's records) that no entry point exposes, so they may reach into client/src.
    files: ["bench/**"],
    rules: restrict(crossWorkspace.filter((p) => !p.regex.includes("client/src"))),
  },
);
