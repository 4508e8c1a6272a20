// The prisma.config.ts an application needs with Prisma 7 (docs/offline-and-migrations.md, README quick start).
// #region config
import { defineConfig } from "prisma/config";

// Prisma 7 reads the database URL here, not from schema.prisma. `prisma generate` needs no database;
// `prisma migrate`, `prisma db push` and `prisma db execute` connect to this URL.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
// #endregion
