#!/usr/bin/env bash
# Runs `prisma generate` for the project's schema. Prisma's CLI wants a schema-engine binary even though
# generate never uses it; where it could not be downloaded (offline machines), point it at any executable.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${PRISMA_SCHEMA_ENGINE_BINARY:-}" ] && ! ls node_modules/@prisma/engines/schema-engine-* >/dev/null 2>&1; then
  export PRISMA_SCHEMA_ENGINE_BINARY="$(type -P true)"
fi
exec npx prisma generate "$@"
