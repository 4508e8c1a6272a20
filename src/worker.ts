// prisma-ai/worker: the Graphile Worker side (task list and runAIWorker).
export {};
