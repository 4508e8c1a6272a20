// docs/offline-and-migrations.md: applying hand-written (or `prisma migrate diff`-generated) SQL files with pg,
// in name order, each in one transaction, as `prisma migrate deploy` would.
// #region apply
import { readdirSync, readFileSync } from "node:fs";
import pg from "pg";

const folder = "prisma/sql"; // 001_tables.sql, 002_...: never edit a file once applied, add the next one
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
try {
  await client.query("create table if not exists app_sql_migrations (name text primary key, applied_at timestamptz not null default now())");
  const { rows } = await client.query<{ name: string }>("select name from app_sql_migrations");
  const applied = new Set(rows.map((row) => row.name));
  for (const name of readdirSync(folder).filter((file) => file.endsWith(".sql")).sort()) {
    if (applied.has(name)) continue;
    await client.query("begin");
    try {
      await client.query(readFileSync(`${folder}/${name}`, "utf8"));
      await client.query("insert into app_sql_migrations (name) values ($1)", [name]);
      await client.query("commit");
      console.log(`applied ${name}`);
    } catch (error) {
      await client.query("rollback");
      throw error;
    }
  }
} finally {
  await client.end();
}
// #endregion
