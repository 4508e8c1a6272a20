-- The blog demo's own tables, equivalent to examples/blog/schema.prisma (what `prisma migrate` would create).
-- Idempotent. prisma-ai's SQL (generated/ai/migration.sql) is applied after it: its tables reference these.
create table if not exists "public"."blog_authors" (
  "id" serial primary key,
  "name" text not null
);
create unique index if not exists "blog_authors_name_key" on "public"."blog_authors" ("name");

create table if not exists "public"."blog_articles" (
  "id" serial primary key,
  "title" text not null,
  "body" text not null,
  "summary" text,
  "topic" text not null,
  "published" boolean not null default false,
  "author_id" integer not null references "public"."blog_authors" ("id") on delete cascade on update cascade,
  "created_at" timestamp(3) not null default current_timestamp
);
create index if not exists "blog_articles_author_id_idx" on "public"."blog_articles" ("author_id");
