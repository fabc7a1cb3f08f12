/**
 * The single mapping from thrown errors to HTTP answers: `{ error: code }` with a fitting status,
 * never a message or stack trace (those go to the log, without request contents).
 */
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorCode } from "@porch/shared";

function codeForStatus(status: number): ErrorCode {
  if (status === 413) return "frame-too-large";
  if (status === 429) return "rate-limited";
  if (status === 404) return "unknown-request";
  if (status >= 400 && status < 500) return "malformed-frame";
  return "internal";
}

/** `app.onError`: known HTTP exceptions keep their status; everything else is a 500 `internal`. */
export function errorHandler(log: (code: string, detail?: string) => void): ErrorHandler {
  return function onError(error: Error, c: Context) {
    const status: ContentfulStatusCode =
      error instanceof HTTPException && error.status >= 400 ? (error.status as ContentfulStatusCode) : 500;
    const code = codeForStatus(status);
    log(code, `${c.req.method} ${new URL(c.req.url).pathname} ${error.name}`);
    return c.json({ error: code }, status);
  };
}

/** `app.notFound`: JSON for the API, plain 404 for anything else (the SPA fallback ran before). */
export const notFound: NotFoundHandler = (c) => {
  if (c.req.path === "/api" || c.req.path.startsWith("/api/"))
    return c.json({ error: "unknown-request" satisfies ErrorCode }, 404);
  return c.text("Not found", 404);
};
