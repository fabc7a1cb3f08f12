import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The boundaries in docs/conventions.md are kept by lint rules, not good intentions; these tests prove
// the rules fire on the imports they exist for, and stay quiet where the import is legitimate.
const root = fileURLToPath(new URL("..", import.meta.url));
const eslint = new ESLint({ cwd: root, overrideConfigFile: `${root}/eslint.config.js` });

async function restrictedImports(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === "no-restricted-imports" || m.ruleId === "@typescript-eslint/no-restricted-imports")
    .map((m) => m.message);
}

const openSealed = `import { openEnvelope } from "@porch/shared/sealing";\nexport const open = openEnvelope;\n`;

describe("lint boundaries", () => {
  it("stops the relay from importing the code that decrypts", async () => {
    const messages = await restrictedImports(openSealed, "sync-server/src/x.ts");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("The relay must never be able to decrypt");
  });

  it("lets the client import the same sealing code", async () => {
    expect(await restrictedImports(openSealed, "client/src/core/features/x.ts")).toEqual([]);
  });

  const testHelper = `import { startTestRelay } from "@porch/testing/start-test-relay";\nexport const start = startTestRelay;\n`;

  it.each(["shared/src/x.ts", "sync-server/src/ws/x.ts", "client/src/core/features/x.ts", "client/src/routes/x.tsx"])(
    "refuses test helpers in product code (%s)",
    async (filePath) => {
      const messages = await restrictedImports(testHelper, filePath);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toContain("Product code never imports @porch/testing");
    },
  );

  it("keeps the organization's dashboard apart from the member app's screens and worker core", async () => {
    const imports = (from: string) => `import * as x from "${from}";\nexport const y = x;\n`;
    for (const from of ["../routes/home.tsx", "../app.tsx", "../core/porch-core.ts", "../core/store/view-cache.ts"]) {
      const messages = await restrictedImports(imports(from), "client/src/org/x.tsx");
      expect(messages, from).toHaveLength(1);
      expect(messages[0]).toContain("The /org dashboard shares nothing with the member app");
    }
    for (const from of ["../core/aggregation.ts", "../core/store/local-db.ts", "../components/phrase-input.tsx"])
      expect(await restrictedImports(imports(from), "client/src/org/x.tsx"), from).toEqual([]);
  });

  it("refuses a unit-test kit in product code", async () => {
    const messages = await restrictedImports(
      `import { x } from "./doc-test-kit.ts";\nexport const y = x;\n`,
      "client/src/core/doc/x.ts",
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("never imports a test kit");
  });

  it.each(["sync-server/src/ws/x.test.ts", "client/src/core/engine/x.test.ts", "tests/e2e/x.test.ts", "bench/x.ts"])(
    "lets tests and benchmarks import test helpers (%s)",
    async (filePath) => {
      expect(await restrictedImports(testHelper, filePath)).toEqual([]);
    },
  );

  it("still stops the relay's tests from importing the code that decrypts", async () => {
    const messages = await restrictedImports(openSealed, "sync-server/src/ws/x.test.ts");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("The relay must never be able to decrypt");
  });

  it.each([
    ["tests/e2e/x.test.ts", `import { x } from "../../shared/src/ids.ts";`],
    ["client/src/core/features/x.ts", `import { x } from "../../../sync-server/src/app.ts";`],
    ["shared/src/x.ts", `import { readFile } from "node:fs";`],
    ["client/src/core/features/x.ts", `import { createSignal } from "solid-js";`],
  ])("rejects a boundary-crossing import in %s", async (filePath, code) => {
    expect(await restrictedImports(code, filePath)).not.toEqual([]);
  });

  // The core's layers, one way: UI → api; features → engine, doc; engine → nothing above; doc → api's types.
  it.each([
    ["client/src/components/x.tsx", `import { lifeView } from "../core/doc/life-view.ts";`, "imports only core/api"],
    ["client/src/routes/x.tsx", `import { DocSync } from "../core/engine/doc-sync.ts";`, "imports only core/api"],
    ["client/src/core/api/x.ts", `import { lifeView } from "../doc/life-view.ts";`, "nothing of the core's runtime"],
    ["client/src/core/api/x.ts", `import * as A from "@automerge/automerge";`, "nothing of the core's runtime"],
    [
      "client/src/core/engine/x.ts",
      `import { GroupChannel } from "../features/membership/group-channel.ts";`,
      "generic over documents",
    ],
    ["client/src/core/engine/x.ts", `import type { GroupDoc } from "../doc/schema.ts";`, "generic over documents"],
    ["client/src/core/doc/x.ts", `import { DocSync } from "../engine/doc-sync.ts";`, "neither features nor the engine"],
    ["client/src/core/doc/x.ts", `import { checkGoalInput } from "../api/validate.ts";`, "only types from core/api"],
    [
      "client/src/core/doc/journal/x.ts",
      `import { checkGoalInput } from "../../api/validate.ts";`,
      "only types from core/api",
    ],
    [
      "client/src/core/doc/journal/x.ts",
      `import { DocSync } from "../../engine/doc-sync.ts";`,
      "neither features nor the engine",
    ],
    [
      "client/src/core/api/x.ts",
      `import { journalView } from "../doc/journal/journal-view.ts";`,
      "nothing of the core's runtime",
    ],
    ["client/src/core/features/life/x.ts", `import { App } from "../../../app.tsx";`, "never imports UI code"],
  ])("keeps the core's layers one-way: %s may not %s", async (filePath, code, message) => {
    const messages = await restrictedImports(code, filePath);
    expect(messages.join(" ")).toContain(message);
  });

  it.each([
    ["client/src/components/x.tsx", `import type { GoalView } from "../core/api/group-life-api.ts";`],
    ["client/src/core/doc/x.ts", `import type { GoalView } from "../api/group-life-api.ts";`],
    ["client/src/core/doc/journal/x.ts", `import type { JournalView } from "../../api/journal-api.ts";`],
    ["client/src/core/api/x.ts", `import type { ConsentGrants } from "@porch/shared/journal";`],
    ["shared/src/aggregation/x.ts", `import { FIELD_IDS } from "../journal/fields.ts";`],
    ["client/src/core/doc/x.ts", `import { GOAL_CATEGORIES } from "../api/vocabulary.ts";`],
    ["client/src/core/features/life/x.ts", `import { DocSync } from "../../engine/doc-sync.ts";`],
  ])("lets %s make a legitimate import", async (filePath, code) => {
    expect(await restrictedImports(code, filePath)).toEqual([]);
  });
});
