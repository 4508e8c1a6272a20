#!/usr/bin/env bash
# Runs before `npm test`: checks Node, generates the Prisma client, prepares a local PostgreSQL with pgvector
# (unless DATABASE_URL/TEST_DATABASE_URL is given, or there is no local PostgreSQL and Docker will be used).
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/check-node.mjs
mkdir -p .cache
bash scripts/prisma-generate.sh >/dev/null
if [ -z "${TEST_DATABASE_URL:-}${DATABASE_URL:-}" ] && command -v pg_lsclusters >/dev/null 2>&1; then
  bash scripts/db-setup.sh | sed -n 's/^DATABASE_URL=//p' > .cache/database-url
else
  rm -f .cache/database-url
fi
