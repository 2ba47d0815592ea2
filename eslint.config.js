import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** English words where a message key belongs: a string, a template, a concatenation. */
const WORDS =
  ':matches(Literal[value=/[A-Za-z]/], TemplateLiteral, BinaryExpression[operator="+"])';

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', '.test-host', 'test-results'] },
  js.configs.recommended,
  // The type-checked preset: its rules see the types tsc infers (floating promises, any leaking
  // out of JSON.parse, needless assertions), which the plain preset cannot.
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      // Off: props and dependency interfaces declare callbacks in method syntax (`onClose():
      // void`) and are passed on unbound; none of them uses `this`.
      '@typescript-eslint/unbound-method': 'off',
      // Off: an async function without await is how a check that throws returns a rejected
      // promise (what the Promise-returning interfaces it implements promise) instead of throwing.
      '@typescript-eslint/require-await': 'off',
      // A caught error (unknown) passed on to reject() as it came is not a new non-Error reason.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    // Plain JavaScript (configs, the .mjs launchers) is in no tsconfig: no type information.
    files: ['**/*.{js,mjs,cjs}', '**/*.d.mts'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Only the two classic hook rules: the plugin's recommended set also carries the React
    // Compiler's rules, which this code base is not written for (no compiler in the build).
    files: ['src/renderer/**/*.{ts,tsx}', 'test/unit/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Off in tests: vitest's asymmetric matchers (expect.any, expect.stringMatching) are typed
    // any, and every object with one of them inside would be flagged.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: ['scripts/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Backend messages are keys (issue 18 section 1): a user reads them in their own language, so
    // src/main says them with msg('area.name', params), never in English words. Words that are
    // not ours (libvirt's, a tool's stderr) travel in a variable or `detail`, which this allows.
    files: ['src/main/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: `NewExpression[callee.name='VirtdeckError'] > ${WORDS}:nth-child(2)`,
          message: "Say it as msg('area.name', params) (src/shared/messages), not in English.",
        },
        {
          selector: `NewExpression[callee.name='InvalidInputError'] > ${WORDS}:first-child`,
          message: "Say it as msg('area.name', params) (src/shared/messages), not in English.",
        },
        {
          selector: `CallExpression[callee.property.name='ofFields'] Property > ${WORDS}.value`,
          message: "Say each field's fault as msg('area.name', params), not in English.",
        },
        {
          selector: `CallExpression[callee.property.name='step'] > ${WORDS}:first-child`,
          message: "Name a job step as msg('area.name', params), not in English.",
        },
      ],
    },
  },
);
