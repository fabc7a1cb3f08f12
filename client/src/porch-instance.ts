// The one place the UI picks its core (kept separate so main.tsx can load it as its own chunk).
export { createPorch } from "./services/porch.ts";
