// `npm run release-notes`: prints the release-notes block for the current build (dist/, after
// `npm run build`): version, the build digest and every file's SHA-256.
// `npm run release-notes -- --verify http://127.0.0.1:8787`: fetches the relay's
// /.well-known/porch-build.json and every file it lists, and says whether they match this build.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { BUILD_HASHES_PATH, digestOf, type BuildManifest } from "./build-hashes.ts";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
let local: BuildManifest;
try {
  local = JSON.parse(await readFile(`${dist}${BUILD_HASHES_PATH}`, "utf8")) as BuildManifest;
} catch {
  console.error(`No ${BUILD_HASHES_PATH} in dist/: run npm run build first.`);
  process.exit(1);
}
if (digestOf(local.files) !== local.digest) {
  console.error(`dist/${BUILD_HASHES_PATH} is inconsistent (its digest does not match its file list).`);
  process.exit(1);
}

const verifyAt = process.argv.indexOf("--verify");
if (verifyAt === -1) {
  const lines = [
    `### Porch ${local.version} — build hashes`,
    "",
    `Build digest (SHA-256 over the file list): \`${local.digest}\``,
    "",
    `A relay serving this release answers \`/${BUILD_HASHES_PATH}\` with this digest.`,
    "",
    "<details><summary>Every file's SHA-256</summary>",
    "",
    "```",
    ...Object.entries(local.files).map(([path, hash]) => `${hash}  ${path}`),
    "```",
    "",
    "</details>",
  ];
  console.log(lines.join("\n"));
} else {
  const base = (process.argv[verifyAt + 1] ?? "").replace(/\/$/, "");
  if (!/^https?:\/\//.test(base)) {
    console.error("--verify needs the relay's URL, e.g. --verify http://127.0.0.1:8787");
    process.exit(1);
  }
  const served = (await (await fetch(`${base}/${BUILD_HASHES_PATH}`, { cache: "no-store" })).json()) as BuildManifest;
  const problems: string[] = [];
  if (served.digest !== local.digest) problems.push(`digest: relay ${served.digest}, this build ${local.digest}`);
  for (const [path, hash] of Object.entries(local.files)) {
    const res = await fetch(`${base}${path}`, { headers: { "Accept-Encoding": "identity" } });
    const got = res.ok
      ? createHash("sha256")
          .update(Buffer.from(await res.arrayBuffer()))
          .digest("hex")
      : `HTTP ${res.status}`;
    if (got !== hash) problems.push(`${path}: relay ${got}, this build ${hash}`);
  }
  if (problems.length > 0) {
    console.log(`The relay at ${base} does NOT serve this build:\n${problems.join("\n")}`);
    process.exit(2);
  }
  console.log(
    `The relay at ${base} serves this build: ${Object.keys(local.files).length} files, digest ${local.digest}.`,
  );
}
