export * from "./ai-schema.js";
