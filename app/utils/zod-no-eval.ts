import { z } from "zod";

// zod builds a fast validator for each object schema with `new Function` when it may;
// in the browser the Content-Security-Policy forbids that (no 'unsafe-eval'), and the
// probe alone is a reported violation. It asks the first time a schema is built, so
// this is imported first by app/root.tsx, before any route module builds one.
if (typeof document !== "undefined") z.config({ jitless: true });
