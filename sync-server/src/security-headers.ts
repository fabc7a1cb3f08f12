/**
 * Security headers on every response the relay serves (pages, assets, the service worker, the API),
 * from Hono's own middleware. Whoever serves the PWA is the root of trust (README, known limits): the
 * policy keeps the pages from running or loading anything that is not the relay's own files.
 *
 * What the app needs, and why each source is there (proved in real Chromium with zero violations by
 * tests/e2e/security-headers.test.ts: onboarding, a group, the journal's chart, the /org dashboard):
 *
 * - `script-src 'self' 'wasm-unsafe-eval'`: the bundles, and compiling the Automerge and libsodium
 *   wasm (`WebAssembly.instantiate*` needs `'wasm-unsafe-eval'`; no `eval` of JavaScript is allowed).
 * - `worker-src 'self'`: the core's module Web Worker and the service worker.
 * - `connect-src 'self'`: the relay's API, the sync WebSocket (CSP 3 lets `'self'` match `ws:`/`wss:`
 *   on the same host and port), and the fetch of the `.wasm` file.
 * - `style-src 'self'`: the stylesheets only. Solid sets `style` through the CSSOM and uPlot likewise,
 *   which style-src does not govern; no `style` attribute or `<style>` element is parsed from markup.
 * - `img-src 'self'`: the icons. No `data:`: the QR codes (uqr's `renderSVG`) are inline SVG elements,
 *   not images, and neither the stylesheets nor the bundles use `data:` images (checked on the build).
 * - `frame-ancestors 'none'`: no site can frame Porch (clickjacking); `X-Frame-Options: DENY` for old
 *   browsers. `base-uri 'none'`, `form-action 'self'`, `object-src 'none'`.
 * - `report-uri /api/csp-report`: browsers report violations (from workers too) and the relay logs
 *   the directive and the blocked origin, so an operator hears of a page that something broke.
 *
 * The browser build uses cbor-x's no-eval build (vite.config.ts): cbor-x's default build probes
 * `Function("")` when it loads, a violation in every page and in the core's worker.
 */
import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";

const SELF = "'self'";

/** The Content-Security-Policy's directives (Hono's option names). */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: [SELF],
  scriptSrc: [SELF, "'wasm-unsafe-eval'"],
  workerSrc: [SELF],
  connectSrc: [SELF],
  styleSrc: [SELF],
  imgSrc: [SELF],
  fontSrc: [SELF],
  manifestSrc: [SELF],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: [SELF],
  frameAncestors: ["'none'"],
} as const satisfies Record<string, readonly string[]>;

/** Where browsers report violations (pages and workers alike): the relay logs them (`csp-violation`). */
export const CSP_REPORT_PATH = "/api/csp-report";

/**
 * What the relay logs of a violation report: the directive and the blocked resource's origin (or
 * `inline`/`eval`), never the page's or resource's full URL. Null for a body that is not a report.
 */
export function summariseCspReport(body: unknown): string | null {
  const report = typeof body === "object" && body !== null && "csp-report" in body ? body["csp-report"] : null;
  if (typeof report !== "object" || report === null) return null;
  const field = (name: string) => {
    const value = (report as Record<string, unknown>)[name];
    return typeof value === "string" ? value : "";
  };
  const directive = (field("effective-directive") || field("violated-directive")).replace(/[^a-z-]/g, "").slice(0, 40);
  const blocked = field("blocked-uri");
  let where = /^[a-z-]+$/.test(blocked) ? blocked : "";
  if (where === "") {
    try {
      where = new URL(blocked).origin;
    } catch {
      where = "unknown";
    }
  }
  return directive === "" ? null : `${directive} ${where.slice(0, 100)}`;
}

/** Hono's secure-headers middleware with Porch's policy. */
export function securityHeaders(): MiddlewareHandler {
  const csp = Object.fromEntries(
    Object.entries(CONTENT_SECURITY_POLICY).map(([directive, sources]) => [directive, [...sources]]),
  );
  return secureHeaders({
    contentSecurityPolicy: { ...csp, reportUri: CSP_REPORT_PATH },
    xFrameOptions: "DENY",
    xContentTypeOptions: true, // nosniff
    referrerPolicy: "no-referrer", // invitation and device links carry secrets in the fragment; send no referrer at all
    // Nothing in Porch uses these; a compromised dependency cannot either.
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [], usb: [] },
    // A relay on plain http (127.0.0.1, a LAN) must not pin HTTPS for its host name; whoever terminates
    // TLS in front of it sets Strict-Transport-Security there.
    strictTransportSecurity: false,
  });
}
