#!/usr/bin/env bash
# Runs `prisma generate` for the project's schemas (or with the given arguments). Prisma's CLI wants a schema-engine binary even though
# generate never uses it; where it could not be downloaded (offline machines), point it at any executable.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${PRISMA_SCHEMA_ENGINE_BINARY:-}" ] && ! ls node_modules/@prisma/engines/schema-engine-* >/dev/null 2>&1; then
  export PRISMA_SCHEMA_ENGINE_BINARY="$(type -P true)"
fi
if [ "$#" -eq 0 ]; then
  # Every schema of the project: its own (tests, benchmarks), the blog demo's (examples/blog/generated) and the
  # one the documentation's snippets compile against (examples/snippets/generated).
  npx prisma generate
  npx prisma generate --schema examples/blog/schema.prisma
  exec npx prisma generate --schema examples/snippets/schema.prisma
fi
exec npx prisma generate "$@"
