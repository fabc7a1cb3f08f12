/** The relay wire protocol: frames, limits, codecs. See README.md. */
export * from "./limits.ts";
export * from "./client-frames.ts";
export * from "./server-frames.ts";
export * from "./codec.ts";
