// The house rules checked by machines (`npm run lint`, part of `npm test`): ESLint's recommended rules,
// typescript-eslint's, the rules of hooks and jsx-a11y's accessibility rules. Layout is Prettier's job.
import js from '@eslint/js'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import reactHooks from 'eslint-plugin-react-hooks'
import { defineConfig } from 'eslint/config'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default defineConfig([
  { ignores: ['build/**', 'data/**', 'test-results/**', 'node_modules/**', 'public/build/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // The two classic rules of hooks. The plugin's newer rules are for the React Compiler, which this app does not use.
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  jsxA11y.flatConfigs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // `_` marks an argument a signature needs but the body does not.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Migrations are written against Kysely<any>: they must not depend on today's schema types.
    files: ['db/migrations/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The layers point one way: pages (app/) use the workflows and the database, never the reverse, so that the
    // award's rules can be read, tested and reused without the web layer (issue 21).
    files: ['workflows/**', 'db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['~/*'], message: 'workflows/ and db/ must not import from app/.' },
            { group: ['**/app/*', '**/app'], message: 'workflows/ and db/ must not import from app/.' },
          ],
        },
      ],
    },
  },
  {
    // Routes import components, never the reverse: a shared component (app/components) or a page's own panel or
    // step (app/routes/<page>/panels, /steps) reads the page's data type from the page's loader module, not from
    // the route that renders it (issue 21: the import circles of seven panels and five steps).
    files: ['app/components/**', 'app/routes/*/panels/**', 'app/routes/*/steps/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['~/routes/*', '**/routes/*', '../route', './route'],
              message: 'A component must not import a route: take the type from the page module (loader.server).',
            },
          ],
        },
      ],
    },
  },
])
