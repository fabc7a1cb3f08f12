/**
 * The built PWA: compressed, with an SPA fallback to index.html for paths that look like pages, and
 * the organization's dashboard (org.html) at /org and below it. The pages, the service worker and the
 * manifest must be revalidated on every visit (or an update never reaches members); Vite's hashed
 * files under /assets/ never change and are cached for a year.
 */
import { serveStatic } from "@hono/node-server/serve-static";
import type { MiddlewareHandler } from "hono";
import { compress } from "hono/compress";
import { basename } from "node:path";

const REVALIDATE = new Set([
  "index.html",
  "org.html",
  "sw.js",
  "registerSW.js",
  "manifest.webmanifest",
  // The build's file hashes (/.well-known/porch-build.json): always the release being served.
  "porch-build.json",
]);

/** Cache-Control for one served file. */
export function cacheControlFor(path: string): string {
  const name = basename(path).replace(/\.(br|gz|zst)$/, "");
  if (REVALIDATE.has(name)) return "no-cache";
  if (/(^|[\\/])assets[\\/]/.test(path) || /^workbox-[0-9a-f]{8}\.js$/.test(name))
    return "public, max-age=31536000, immutable";
  return "public, max-age=3600";
}

const isApi = (path: string) => path === "/api" || path.startsWith("/api/");
/** The organization's dashboard: `/org`, `/org/` and anything under it (its screens are hash routes). */
export const isOrgPage = (path: string) => path === "/org" || path.startsWith("/org/");

/** Sets Cache-Control on what was served (pages from the SPA fallback are index.html). */
const cacheHeaders: MiddlewareHandler = async function cacheHeaders(c, next) {
  await next();
  if (c.res.status !== 200 && c.res.status !== 206) return;
  const html = c.res.headers.get("Content-Type")?.startsWith("text/html") ?? false;
  c.res.headers.set("Cache-Control", html ? "no-cache" : cacheControlFor(c.req.path));
};

/** Middlewares serving `root` for every non-API path: compression, caching, files, SPA fallback. */
export function staticFiles(root: string): MiddlewareHandler[] {
  const files = serveStatic({ root, precompressed: true });
  const index = serveStatic({ root, path: "index.html", precompressed: true });
  const org = serveStatic({ root, path: "org.html", precompressed: true });
  const spaFallback: MiddlewareHandler = async function spaFallback(c, next) {
    // A missing file with an extension is a 404; anything else is a page of the app (or the dashboard).
    const last = c.req.path.split("/").pop() ?? "";
    if (last.includes(".")) return next();
    return isOrgPage(c.req.path) ? org(c, next) : index(c, next);
  };
  const outsideApi = (handler: MiddlewareHandler): MiddlewareHandler =>
    async function outsideApi(c, next) {
      return isApi(c.req.path) ? next() : handler(c, next);
    };
  return [compress(), cacheHeaders, files, spaFallback].map(outsideApi);
}
