import path from "node:path";

// Where the end-to-end server keeps its database: the Playwright config starts the
// server on it, and the fixtures write sessions into it and read seeded references from it.
export const E2E_DATABASE_FILE = path.resolve(import.meta.dirname, "../../data/e2e/vigil.db");
