import type { Scenario } from "../support/measure.js";
import { prismaVsPg } from "./prisma-vs-pg.js";
import { driverOverheadChat } from "./driver-overhead-chat.js";
import { embedBatching } from "./embed-batching.js";

/** Every scenario `npm run bench` runs, in order. */
export const scenarios: Scenario[] = [prismaVsPg, driverOverheadChat, embedBatching];
