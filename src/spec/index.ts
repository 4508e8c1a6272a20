// Provider-neutral contracts: models, messages, results, settings, and the error hierarchy.
export * from "./shared-types.js";
export * from "./chat-model.js";
export * from "./embedding-model.js";
export * from "./image-model.js";
export * from "./moderation-model.js";
export * from "./rerank-model.js";
export * from "./provider.js";
export * from "./errors/index.js";
