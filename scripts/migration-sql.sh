#!/usr/bin/env bash
# Prints the SQL that creates the whole schema from nothing for one store (offline,
# no database): scripts/migration-sql.sh [sqlite|postgresql]. New migrations come
# from `npm run db:migration -- <name>`, which writes both stores' at once.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-sqlite}" in
  sqlite) schema=prisma/schema.prisma ;;
  postgresql) node scripts/prisma-schemas.mjs && schema=prisma/generated/schema.postgresql.prisma ;;
  *) echo "usage: $0 [sqlite|postgresql]" >&2; exit 2 ;;
esac
# An in-memory SQLite adapter is enough for the CLI to diff two datamodels of either provider.
DATABASE_URL=file::memory: node node_modules/prisma/build/index.js migrate diff --config prisma/config.ts \
  --from-empty --to-schema-datamodel "$schema" --script
