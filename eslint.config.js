// Layering is enforced here, VS Code style: each folder says what it may import.
// Do not relax these rules; move code to the right layer instead.
import tseslint from 'typescript-eslint';

const nodeBuiltins = { group: ['node:*'], message: 'This layer runs anywhere: no Node built-ins.' };
const electron = { group: ['electron', 'electron/*'], message: 'Only src-main/electron may import Electron.' };
const frontDoors = {
  group: ['**/cli/**', '**/server/**', '**/electron/**'],
  message: 'The core sits below its front doors (CLI, server, Electron) and never imports them.',
};
const mainFromOutside = { group: ['**/src-main/**'], message: 'Reach the core only through the typed LibraryApi in src-shared.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.cache/**', 'bin/**', 'scripts/*.mjs', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [nodeBuiltins, electron, mainFromOutside, { group: ['react', '**/src-renderer/**'], message: 'src-shared is below the renderer.' }] }] },
  },
  {
    // decode → analyse → embed (and the network arithmetic under them, nn) are pure computation: they run in workers, the browser or tests alike.
    files: ['src-main/core/decode/**/*.ts', 'src-main/core/analyse/**/*.ts', 'src-main/core/embed/**/*.ts', 'src-main/core/dsp/**/*.ts', 'src-main/core/nn/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [nodeBuiltins, electron, frontDoors] }] },
  },
  {
    files: ['src-main/core/catalogue/**/*.ts', 'src-main/core/index/**/*.ts', 'src-main/core/models/**/*.ts', 'src-main/core/pipeline/**/*.ts', 'src-main/core/scan/**/*.ts', 'src-main/core/service/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [electron, frontDoors] }] },
  },
  {
    files: ['src-main/cli/**/*.ts', 'src-main/server/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [electron] }] },
  },
  {
    // Tests and test helpers of the pure stages read fixtures and the corpus from disk.
    files: ['src-main/**/*.test.ts', 'src-main/**/testing/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [electron, frontDoors] }] },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [nodeBuiltins, electron, mainFromOutside] }] },
  },
);
