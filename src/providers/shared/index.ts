// What all providers share: settings resolution and streaming helpers.
export * from "./provider-settings.js";
export * from "./stream-helpers.js";
export * from "./image-data.js";
export * from "./vector-schemas.js";
export * from "./provider-options.js";
export * from "./call-settings.js";
