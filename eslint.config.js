// Lint config, flat (ESLint 9). Besides typescript-eslint's recommended rules, it enforces the
// boundaries of docs/conventions.md: workspaces meet only through package entry points, shared/ has no
// I/O, client services know nothing of Solid, and the relay cannot import anything that decrypts.
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
    message: "Import @porch/shared (or @porch/shared/sealing), never shared/src: workspaces meet through entry points only.",
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

const builtins = builtinModules.filter((m) => !m.startsWith("_")).map(escape).join("|");
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

const servicesOnly = [
  {
    regex: String.raw`^(solid-js|@solid-primitives/[^/]+)(/|$)`,
    message: "client/src/services is framework-free: expose plain functions and let primitives/ wrap them for Solid.",
  },
];

const clientOnly = [
  {
    regex: String.raw`^libsodium-wrappers$`,
    message: "The client reaches libsodium only through @porch/shared (and @porch/shared/sealing): one audited set of crypto steps.",
  },
];

const restrict = (patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

export default defineConfig(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "**/dev-dist/**",
      "data/**",
      "coverage/**",
      "test-results/**",
    ],
  },
  tseslint.configs.recommended,
  {
    rules: {
      "no-console": "off",
      ...restrict(crossWorkspace),
    },
  },
  {
    files: ["sync-server/**"],
    rules: restrict([...crossWorkspace, ...relayOnly]),
  },
  {
    files: ["shared/**"],
    rules: restrict([...crossWorkspace, ...sharedOnly]),
  },
  {
    files: ["client/**"],
    rules: restrict([...crossWorkspace, ...clientOnly]),
  },
  {
    files: ["client/src/services/**"],
    rules: restrict([...crossWorkspace, ...clientOnly, ...servicesOnly]),
  },
  {
    // Benchmarks are not product code: they time the client's internals (document operations, the
    // sync engine's records) that no entry point exposes, so they may reach into client/src.
    files: ["bench/**"],
    rules: restrict(crossWorkspace.filter((p) => !p.regex.includes("client/src"))),
  },
);
