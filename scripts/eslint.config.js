// Lint configuration (kept under scripts/ so the repository root stays as documented).
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

export default tseslint.config(
  { ignores: ["node_modules/**", "build/**", "app/generated/**", "data/**", "test-results/**", "playwright-report/**"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    // Routes sit on top: nothing in app/ imports one, so a component and a route never import
    // each other. What both need (a form schema, the data a route sends) lives in app/models.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/routes/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["~/routes/*", "**/routes/*"], message: "Import what routes and components share from app/forms or app/models instead." }] }],
    },
  },
  {
    // Arrows point down: models sit below routes, components and services (the scheduler,
    // delivery loops, the relay), and share form schemas with them through app/forms.
    files: ["app/models/**/*.ts", "app/forms/**/*.ts", "app/utils/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["~/routes/*", "**/routes/*"], message: "Models never import a route." },
            { group: ["~/components/*", "**/components/*"], message: "Models never import a component: shared form schemas live in app/forms." },
            { group: ["~/services/*", "**/services/*"], message: "Models never import a service: the live bus is app/utils/live-bus.server.ts." },
          ],
        },
      ],
    },
  },
  {
    files: ["machines/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["~/*", "@prisma/*", "@remix-run/*", "**/app/*"] }],
    },
  },
  {
    // Every browser spec runs on the fixtures that fail it on page errors, console errors
    // and 5xx answers, in every context it opens (test/e2e/fixtures.ts).
    files: ["test/e2e/**/*.spec.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "@playwright/test", importNames: ["test", "expect"], message: "Import test and expect from ./fixtures." }] }],
      "no-restricted-syntax": ["error", { selector: "MemberExpression[property.name='newContext']", message: "Open contexts with the personAt fixture, which watches their pages." }],
    },
  },
);
