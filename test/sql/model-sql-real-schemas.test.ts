// Real schemas, not just the tutorial one: @@schema (multiSchema), @@map/@map, BigInt, uuid and cuid ids, Json
// generated fields, halfvec and ivfflat, written through a real Prisma 7 client generated from the same schema.
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { runMigrations } from "graphile-worker";
import { readFileSync } from "node:fs";
import type pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { repositoryRoot, runPrismaGenerate } from "../fixtures/generator/prisma-generate.js";
import { useTestDatabase } from "../support/test-database.js";

const output = `${repositoryRoot}test/fixtures/generator/realworld/generated`;

/** The tables of test/fixtures/generator/realworld/schema.prisma, as `prisma migrate` would create them. */
const tables = `
create schema content;
create table public.authors (id text primary key, name text not null, biography text);
create table content.docs (
  document_id bigserial primary key, title_text text not null, body_text text not null, abstract text,
  keyword_json jsonb, author_id text not null references public.authors (id) on delete cascade
);
create table public.products (id uuid primary key, name text not null, description text not null);`;

/** The part of the generated client these tests use. */
interface RealWorldClient {
  author: { create(args: { data: Record<string, unknown> }): Promise<{ id: string }>; delete(args: { where: { id: string } }): Promise<unknown> };
  document: {
    create(args: { data: Record<string, unknown> }): Promise<{ id: bigint }>;
    update(args: { where: { id: bigint }; data: Record<string, unknown> }): Promise<unknown>;
  };
  product: { create(args: { data: Record<string, unknown> }): Promise<{ id: string }> };
  $disconnect(): Promise<void>;
}

describe("migration.sql on a schema with @@schema, @map, BigInt/uuid/cuid ids, through Prisma", () => {
  const database = useTestDatabase({ projectSchema: false });
  let pool: pg.Pool;
  let prisma: RealWorldClient;

  beforeAll(async () => {
    const generated = runPrismaGenerate("test/fixtures/generator/realworld/schema.prisma");
    expect(generated.status, generated.output).toBe(0);
    pool = database().pool;
    await runMigrations({ connectionString: database().url });
    await pool.query(tables);
    const sql = readFileSync(`${output}/ai/migration.sql`, "utf8");
    await pool.query(sql);
    await pool.query(sql);
    const { PrismaClient } = (await import(pathToFileURL(`${output}/client/client.ts`).href)) as {
      PrismaClient: new (options: { adapter: PrismaPg }) => RealWorldClient;
    };
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database().url }) });
  }, 120_000);

  afterAll(async () => {
    await prisma?.$disconnect();
  });

  beforeEach(async () => {
    await pool.query("delete from graphile_worker._private_jobs");
  });

  async function jobs(): Promise<{ key: string | null; payload: unknown }[]> {
    const { rows } = await pool.query("select key, payload from graphile_worker._private_jobs order by id");
    return rows;
  }

  it("names tables after @@schema/@@map, types row_id like the id, and picks halfvec/ivfflat operator classes", async () => {
    const { rows } = await pool.query(
      `select c.relname as table_name, a.attname, format_type(a.atttypid, a.atttypmod) as type
       from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'prisma_ai' and a.attname = 'row_id' and c.relname like '%_embeddings' order by 1`,
    );
    expect(rows).toEqual([
      { table_name: "authors_embeddings", attname: "row_id", type: "text" },
      { table_name: "content_docs_embeddings", attname: "row_id", type: "bigint" },
      { table_name: "products_embeddings", attname: "row_id", type: "uuid" },
    ]);
    const indexes = await pool.query("select indexname, indexdef from pg_indexes where indexname like '%docs%' order by 1");
    expect(indexes.rows.map((row) => row.indexname)).toEqual([
      "content_docs_embeddings_abstract_ivfflat",
      "content_docs_embeddings_body_hnsw",
      "content_docs_embeddings_pkey",
      "docs_pkey",
      "docs_prisma_ai_fts",
    ]);
    // pg_indexes leaves out an operator class when it is the default one (vector_l2_ops), so read it from pg_opclass.
    expect(indexes.rows[0].indexdef).toContain("USING ivfflat (((embedding)::vector(1024))) WITH (lists='100') WHERE (field = 'abstract'::text)");
    const operatorClass = await pool.query(
      "select opcname from pg_index i join pg_opclass o on o.oid = i.indclass[0] where i.indexrelid = 'prisma_ai.content_docs_embeddings_abstract_ivfflat'::regclass",
    );
    expect(operatorClass.rows).toEqual([{ opcname: "vector_l2_ops" }]);
    expect(indexes.rows[1].indexdef).toContain("USING hnsw (((embedding)::halfvec(3072)) halfvec_ip_ops) WHERE (field = 'body'::text)");
    expect(indexes.rows[4].indexdef).toContain("ON content.docs USING gin (to_tsvector('english'::regconfig, ((COALESCE(body_text, ''::text)");
    const productIndexes = await pool.query("select count(*)::int as count from pg_indexes where tablename = 'products_embeddings' and indexname <> 'products_embeddings_pkey'");
    expect(productIndexes.rows[0].count).toBe(0);
  });

  it("Prisma creates enqueue embed jobs with cuid, BigInt and uuid ids as text", async () => {
    const author = await prisma.author.create({ data: { name: "Ada", bio: "Mathematician" } });
    const document = await prisma.document.create({ data: { title: "Notes", body: "On the engine", authorId: author.id } });
    const product = await prisma.product.create({ data: { name: "Lamp", description: "A warm light" } });
    expect(await jobs()).toEqual([
      { key: `prisma_ai.embed:Author:${author.id}`, payload: { model: "Author", id: author.id } },
      { key: `prisma_ai.embed:Document:${document.id.toString()}`, payload: { model: "Document", id: document.id.toString() } },
      { key: `prisma_ai.embed:Product:${product.id}`, payload: { model: "Product", id: product.id } },
    ]);
  });

  it("on: [update] generates only after updates of the prompt's @map'ed source fields, never after the job's own write", async () => {
    const author = await prisma.author.create({ data: { name: "Grace" } });
    const document = await prisma.document.create({ data: { title: "Compilers", body: "A-0", authorId: author.id } });
    await pool.query("delete from graphile_worker._private_jobs");
    await prisma.document.update({ where: { id: document.id }, data: { title: "Compilers, revised" } });
    expect(await jobs()).toEqual([
      { key: `prisma_ai.generate:Document:keywords:${document.id}`, payload: { model: "Document", id: document.id.toString(), field: "keywords" } },
    ]);
    await pool.query("delete from graphile_worker._private_jobs");
    await prisma.document.update({ where: { id: document.id }, data: { keywords: ["compilers", "A-0"] } });
    await prisma.document.update({ where: { id: document.id }, data: { title: "Compilers, revised" } });
    expect(await jobs()).toEqual([]);
  });

  it("deleting through Prisma cascades to the embeddings, also across schemas", async () => {
    const author = await prisma.author.create({ data: { name: "Alan", bio: "Logician" } });
    const document = await prisma.document.create({ data: { title: "Machines", body: "Can they think?", authorId: author.id } });
    const halfvec = `[${Array.from({ length: 3072 }, () => 0.5).join(",")}]`;
    await pool.query(
      "insert into prisma_ai.content_docs_embeddings (row_id, field, content_hash, embedding_model, embedding) values ($1, 'body', md5('Can they think?'), 'openai:text-embedding-3-large', $2::vector)",
      [document.id.toString(), halfvec],
    );
    await pool.query(
      "insert into prisma_ai.authors_embeddings (row_id, field, content_hash, embedding_model, embedding) values ($1, 'bio', md5('Logician'), 'ollama:nomic-embed-text', $2::vector)",
      [author.id, `[${Array.from({ length: 768 }, () => 0.1).join(",")}]`],
    );
    await prisma.author.delete({ where: { id: author.id } });
    const remaining = await pool.query(
      "select (select count(*) from prisma_ai.content_docs_embeddings where row_id = $1)::int + (select count(*) from prisma_ai.authors_embeddings where row_id = $2)::int as count",
      [document.id.toString(), author.id],
    );
    expect(remaining.rows[0].count).toBe(0);
  });
});
