#!/usr/bin/env bash
# Prints the SQL that creates the whole schema from nothing (offline, no database).
set -euo pipefail
cd "$(dirname "$0")/.."
node node_modules/prisma/build/index.js migrate diff --config prisma/config.ts \
  --from-empty --to-schema-datamodel prisma/schema.prisma --script
