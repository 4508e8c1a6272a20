// prisma-ai/generator: the Prisma generator (annotation parser, validation, emitters).
export {};
