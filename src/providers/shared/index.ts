// What the providers share: settings, options, call settings, tools and tool calls, streaming and image helpers.
export * from "./provider-settings.js";
export * from "./stream-helpers.js";
export * from "./image-data.js";
export * from "./vector-schemas.js";
export * from "./provider-options.js";
export * from "./call-settings.js";
export * from "./function-tools.js";
export * from "./streamed-tool-calls.js";
export * from "./reasoning-text.js";
