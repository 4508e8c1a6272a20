export * from "./ai-error.js";
