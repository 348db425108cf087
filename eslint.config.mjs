import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      "public/**",
      ".scratch/**",
      "lib/generated/**",
      "test-results/**",
      "playwright-report/**",
      "bench/results.json",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    // Boundaries from the house style: UI code never reaches the data layer, auth or Prisma.
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/data/*", "@/lib/db/*", "@/lib/auth*", "@prisma/*", "**/generated/**"], message: "components/ must not import the data layer, auth or Prisma; pass data in as props or call a server action." },
          ],
        },
      ],
    },
  },
  {
    // The layers run one way: lib/ (runtime, content pipeline, data) never imports the React layer.
    files: ["lib/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/components/*", "**/components/**"], message: "lib/ must not import components/: move what both need into lib/." }] },
      ],
    },
  },
];

export default config;
