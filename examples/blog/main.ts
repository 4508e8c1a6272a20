// The blog demo: articles written through Prisma, embedded, and searched by meaning.
// It is being built (see the open issues); this script says what is coming until then.
console.log(
  "prisma-ai demo: coming soon. It will create ~200 articles through Prisma, embed them with a local model " +
    "(no API key, no server) and run semantic searches. Meanwhile, `npm test` runs the suite against real Postgres + pgvector.",
);
