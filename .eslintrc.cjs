/** ESLint (legacy config, eslint 8): TypeScript recommended + React hooks rules. `npm run check` runs it with --max-warnings 0. */
module.exports = {
  root: true,
  parser: '@typescript-eslint/parser',
  parserOptions: { ecmaVersion: 2022, sourceType: 'module', ecmaFeatures: { jsx: true } },
  env: { browser: true, node: true, es2022: true, jest: true },
  plugins: ['@typescript-eslint', 'react-hooks'],
  extends: ['eslint:recommended', 'plugin:@typescript-eslint/recommended', 'plugin:react-hooks/recommended'],
  rules: {
    '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    'no-restricted-syntax': [
      'error',
      { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Everything from the server is text: no dangerouslySetInnerHTML.' },
    ],
  },
  overrides: [
    { files: ['*.js', '*.cjs'], rules: { '@typescript-eslint/no-var-requires': 'off', '@typescript-eslint/no-require-imports': 'off' } },
  ],
  ignorePatterns: ['build/', 'node_modules/', '.d2/', 'metadata/dist/', 'src/locales/', 'coverage/', 'sandbox/data/', 'tests/e2e/screenshots/'],
}
