import type { Scenario } from "../support/measure.js";
import { backfillThroughput, naiveVsBatched, writeToSearchable } from "./background-jobs.js";
import { prismaVsPg } from "./prisma-vs-pg.js";
import { driverOverheadChat } from "./driver-overhead-chat.js";
import { embedBatching } from "./embed-batching.js";
import { generateFiftyModels } from "./generate-50-models.js";
import { insertTriggerOverhead } from "./insert-trigger-overhead.js";
import { localEmbedThroughput } from "./local-embed-throughput.js";
import { filteredSearch, searchOverhead, searchRecall } from "./search.js";

/** Every scenario `npm run bench` runs, in order. */
export const scenarios: Scenario[] = [prismaVsPg, driverOverheadChat, embedBatching, generateFiftyModels, insertTriggerOverhead, localEmbedThroughput, searchOverhead, searchRecall, filteredSearch, backfillThroughput, writeToSearchable, naiveVsBatched];
