// prisma-ai: the core (providers, router, tasks) and the Prisma client extension.
export * from "./spec/errors/index.js";
export * from "./schema/index.js";
