/**
 * The child process that creates and migrates a new embedded database, so that the relay's own process
 * never holds initdb's peak (pglite-storage.ts). `node --import tsx pglite-init.ts <pgDir> <sharedBuffers>`.
 */
import { initialiseDatabase } from "./pglite-storage.ts";

const [pgDir, sharedBuffers] = process.argv.slice(2);
if (pgDir === undefined || sharedBuffers === undefined) {
  process.stderr.write("usage: pglite-init.ts <pgDir> <sharedBuffers>\n");
  process.exit(2);
}
try {
  await initialiseDatabase(pgDir, sharedBuffers);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
