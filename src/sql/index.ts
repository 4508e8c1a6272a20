// SQL prisma-ai owns: quoting helpers, object names, the base migrations and the per-model DDL.
export * from "./quote.js";
export * from "./names.js";
export * from "./model-sql.js";
export * from "./migration-script.js";
export { baseMigrations, buildBaseMigrationsSql, renderSchemaPlaceholder, type BaseMigration } from "./migrations/index.js";
