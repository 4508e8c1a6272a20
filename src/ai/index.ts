// The AI core with the ready tasks: createAI() and its type.
export { createAI, type AI } from "./create-ai.js";
