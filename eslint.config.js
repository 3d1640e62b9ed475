// Lint for every package; @nx/enforce-module-boundaries keeps the arrows of the architecture:
// core imports none of ours, providers only core, scrapers only core and providers, and only
// the faces (cli, pipeline-hook) may import scrapers; linkage (DuckDB inside) imports none of ours;
// identify (DJ-set artist identification) stands on core, providers and linkage, and only the faces import it.
import nx from "@nx/eslint-plugin"
import tseslint from "typescript-eslint"

export default [
  { ignores: ["**/dist", "**/node_modules", "**/.nx", "**/storage", "**/*.tsbuildinfo"] },
  ...nx.configs["flat/base"],
  ...nx.configs["flat/typescript"],
  ...nx.configs["flat/javascript"],
  {
    files: ["**/*.ts", "**/*.js"],
    rules: {
      "@nx/enforce-module-boundaries": [
        "error",
        {
          enforceBuildableLibDependency: true,
          // The faces import the opt-in scrapers (only when scraping is on), the linkage engine (only for
          // `liner linkage`) and identification (only for `liner identify`) lazily; tests may import them directly.
          checkDynamicDependenciesExceptions: ["@liner/scrapers", "@liner/linkage", "@liner/identify"],
          allow: [],
          depConstraints: [
            { sourceTag: "layer:core", onlyDependOnLibsWithTags: ["layer:core", "layer:testkit"] },
            { sourceTag: "layer:providers", onlyDependOnLibsWithTags: ["layer:core", "layer:providers", "layer:testkit"] },
            { sourceTag: "layer:scrapers", onlyDependOnLibsWithTags: ["layer:core", "layer:providers", "layer:scrapers", "layer:testkit"] },
            { sourceTag: "layer:linkage", onlyDependOnLibsWithTags: ["layer:linkage", "layer:testkit"] },
            { sourceTag: "layer:identify", onlyDependOnLibsWithTags: ["layer:core", "layer:providers", "layer:linkage", "layer:identify", "layer:testkit"] },
            { sourceTag: "layer:face", onlyDependOnLibsWithTags: ["layer:core", "layer:providers", "layer:scrapers", "layer:linkage", "layer:identify", "layer:face", "layer:testkit"] },
            { sourceTag: "layer:testkit", onlyDependOnLibsWithTags: [] }
          ]
        }
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }]
    }
  },
  {
    files: ["**/*.ts"],
    languageOptions: { parser: tseslint.parser }
  }
]
