import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The boundaries in CONVENTIONS.md are kept by lint rules, not good intentions; these tests prove
// the rules fire on the imports they exist for, and stay quiet where the import is legitimate.
const root = fileURLToPath(new URL("..", import.meta.url));
const eslint = new ESLint({ cwd: root, overrideConfigFile: `${root}/eslint.config.js` });

async function restrictedImports(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === "no-restricted-imports")
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
    expect(await restrictedImports(openSealed, "client/src/services/x.ts")).toEqual([]);
  });

  const testHelper = `import { startTestRelay } from "@porch/testing/start-test-relay";\nexport const start = startTestRelay;\n`;

  it.each(["shared/src/x.ts", "sync-server/src/ws/x.ts", "client/src/services/x.ts", "client/src/routes/x.tsx"])(
    "refuses test helpers in product code (%s)",
    async (filePath) => {
      const messages = await restrictedImports(testHelper, filePath);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toContain("Product code never imports @porch/testing");
    },
  );

  it("refuses a unit-test kit in product code", async () => {
    const messages = await restrictedImports(`import { x } from "./doc-test-kit.ts";\nexport const y = x;\n`, "client/src/services/doc/x.ts");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("never imports a test kit");
  });

  it.each(["sync-server/src/ws/x.test.ts", "client/src/services/x.test.ts", "tests/e2e/x.test.ts", "bench/x.ts"])(
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
    ["client/src/services/x.ts", `import { x } from "../../../sync-server/src/app.ts";`],
    ["shared/src/x.ts", `import { readFile } from "node:fs";`],
    ["client/src/services/x.ts", `import { createSignal } from "solid-js";`],
  ])("rejects a boundary-crossing import in %s", async (filePath, code) => {
    expect(await restrictedImports(code, filePath)).not.toEqual([]);
  });
});
