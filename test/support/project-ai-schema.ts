// A hand-written AISchema for prisma/schema.prisma (users, articles, products), as the generator would emit it
// for annotations on Article.title/body and Product.description. Used by the where/search SQL tests.
import type { AISchema } from "../../src/schema/ai-schema.js";

/** Dimensions of the fixture's embedded fields (small, so tests can state vectors by hand). */
export const fixtureDimensions = 4;

export const projectAISchema = {
  version: 1,
  models: {
    Article: {
      name: "Article",
      dbSchema: "public",
      table: "articles",
      fields: {
        id: { name: "id", column: "id", type: "Int", kind: "scalar", isList: false, isRequired: true },
        title: { name: "title", column: "title", type: "String", kind: "scalar", isList: false, isRequired: true },
        body: { name: "body", column: "body", type: "String", kind: "scalar", isList: false, isRequired: true },
        summary: { name: "summary", column: "summary", type: "String", kind: "scalar", isList: false, isRequired: false },
        published: { name: "published", column: "published", type: "Boolean", kind: "scalar", isList: false, isRequired: true },
        views: { name: "views", column: "views", type: "Int", kind: "scalar", isList: false, isRequired: true },
        authorId: { name: "authorId", column: "author_id", type: "Int", kind: "scalar", isList: false, isRequired: false },
        createdAt: { name: "createdAt", column: "created_at", type: "DateTime", kind: "scalar", isList: false, isRequired: true },
      },
      relations: {
        author: { name: "author", model: "User", isList: false, fromColumns: ["author_id"], toColumns: ["id"] },
      },
      id: { field: "id", column: "id", type: "Int" },
      embedded: [
        { field: "title", column: "title", model: "openai:text-embedding-3-small", dimensions: 4, distance: "cosine", index: "hnsw", vectorType: "vector" },
        {
          field: "body",
          column: "body",
          model: "openai:text-embedding-3-small",
          dimensions: 4,
          distance: "cosine",
          index: "hnsw",
          vectorType: "vector",
          chunk: { size: 8, overlap: 0 },
        },
      ],
      generated: [
        {
          field: "summary",
          column: "summary",
          type: "String",
          prompt: "Summarize in one sentence: {body}",
          model: "openai:gpt-4o-mini",
          on: ["create", "update"],
          sourceFields: ["body"],
        },
      ],
      hybridSearch: true,
      embeddingsTable: "articles_embeddings",
    },
    Product: {
      name: "Product",
      dbSchema: "public",
      table: "products",
      fields: {
        id: { name: "id", column: "id", type: "String", kind: "scalar", isList: false, isRequired: true, nativeType: "Uuid" },
        name: { name: "name", column: "name", type: "String", kind: "scalar", isList: false, isRequired: true },
        description: { name: "description", column: "description", type: "String", kind: "scalar", isList: false, isRequired: true },
        price: { name: "price", column: "price", type: "Decimal", kind: "scalar", isList: false, isRequired: true, nativeType: "Decimal" },
        inStock: { name: "inStock", column: "in_stock", type: "Boolean", kind: "scalar", isList: false, isRequired: true },
      },
      relations: {},
      id: { field: "id", column: "id", type: "String", nativeType: "Uuid" },
      embedded: [
        { field: "description", column: "description", model: "openai:text-embedding-3-small", dimensions: 4, distance: "cosine", index: "hnsw", vectorType: "vector" },
      ],
      generated: [],
      hybridSearch: false,
      embeddingsTable: "products_embeddings",
    },
  },
  tables: {
    User: {
      name: "User",
      dbSchema: "public",
      table: "users",
      fields: {
        id: { name: "id", column: "id", type: "Int", kind: "scalar", isList: false, isRequired: true },
        email: { name: "email", column: "email", type: "String", kind: "scalar", isList: false, isRequired: true },
        name: { name: "name", column: "name", type: "String", kind: "scalar", isList: false, isRequired: false },
        createdAt: { name: "createdAt", column: "created_at", type: "DateTime", kind: "scalar", isList: false, isRequired: true },
      },
      relations: {
        articles: { name: "articles", model: "Article", isList: true, fromColumns: [], toColumns: [] },
      },
    },
  },
} as const satisfies AISchema;
