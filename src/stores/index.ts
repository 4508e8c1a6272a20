// Postgres-backed shared stores for the AI core (they need the prisma_ai schema of sql/).
export { postgresRateLimitStore, type PostgresRateLimitStore, type PostgresRateLimitStoreOptions, type RateLimitStoreLogger } from "./postgres-rate-limit-store.js";
