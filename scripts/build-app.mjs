#!/usr/bin/env node
// The build step of `npm start`: builds the PWA into dist/ and says so in one line, so the relay's
// URL is the next thing a newcomer reads. Warnings and errors still print; `npm run build` shows
// Vite's full report (every file and its gzipped size).
import { build } from "vite";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const started = performance.now();
await build({ configFile: `${root}vite.config.ts`, logLevel: "warn" });
console.log(`Built the app into dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
