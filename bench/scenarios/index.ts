import type { Scenario } from "../support/measure.js";
import { prismaVsPg } from "./prisma-vs-pg.js";

/** Every scenario `npm run bench` runs, in order. */
export const scenarios: Scenario[] = [prismaVsPg];
