// The build's file hashes: a Vite plugin writes dist/.well-known/porch-build.json (every file's SHA-256
// and one digest over the list), which the relay serves; `npm run release-notes` prints the block for the
// README's release notes, and `npm run release-notes -- --verify <url>` checks a running relay against
// the local build. Whoever serves the PWA is the root of trust: these let a member or an auditor see
// that what a relay serves is the published release.
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile, mkdir } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import type { Plugin } from "vite";

export const BUILD_HASHES_PATH = ".well-known/porch-build.json";

/** What /.well-known/porch-build.json holds. */
export interface BuildManifest {
  readonly app: "porch";
  readonly version: string;
  readonly algorithm: "sha256";
  /** SHA-256 over the sorted file list (`digestOf`). */
  readonly digest: string;
  /** `/path` → SHA-256 hex, sorted by path. */
  readonly files: Record<string, string>;
}

/** Every file under `dir` (except the hashes file itself), as `/path` → SHA-256 hex, sorted by path. */
export async function hashFiles(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const walk = async (at: string): Promise<void> => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const name = `/${relative(dir, path).split(sep).join("/")}`;
        if (name !== `/${BUILD_HASHES_PATH}`)
          files[name] = createHash("sha256")
            .update(await readFile(path))
            .digest("hex");
      }
    }
  };
  await walk(dir);
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** One SHA-256 over the sorted list (`<hash>  <path>\n` per file, as `sha256sum` prints it). */
export function digestOf(files: Record<string, string>): string {
  const listing = Object.entries(files)
    .map(([path, hash]) => `${hash}  ${path}\n`)
    .join("");
  return createHash("sha256").update(listing).digest("hex");
}

/** The manifest for a build directory (deterministic: no date, so a rebuild from the same source matches). */
export async function buildManifest(dir: string, version: string): Promise<BuildManifest> {
  const files = await hashFiles(dir);
  return { app: "porch", version, algorithm: "sha256", digest: digestOf(files), files };
}

/** Vite plugin: writes the manifest after every other plugin (the service worker included) has written. */
export function buildHashesPlugin(version: string): Plugin {
  let outDir = "";
  return {
    name: "porch:build-hashes",
    apply: "build",
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: "post" as const,
      sequential: true,
      async handler() {
        const manifest = await buildManifest(outDir, version);
        await mkdir(join(outDir, ".well-known"), { recursive: true });
        await writeFile(join(outDir, BUILD_HASHES_PATH), `${JSON.stringify(manifest, null, 2)}\n`);
      },
    },
  };
}
