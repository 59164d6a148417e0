// Package boundaries, checked in CI (`pnpm lint:deps`). The layering is
//   backend-config <- core <- circuit-plugin / simulator <- cli
// and every package imports only what its own package.json declares (the root links every
// workspace package into node_modules for the cross-package tests, so resolution alone would not
// stop a package from reaching one it does not depend on).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'undeclared-dependency',
      comment: 'A package imports a module its own package.json does not declare: add it there, or do not import it.',
      severity: 'error',
      from: { path: '^packages/[^/]+/src/' },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown', 'npm-dev'] },
    },
    {
      name: 'unresolvable',
      comment: 'An import that resolves to nothing from the importing package (pnpm gives each package only what it declares).',
      severity: 'error',
      from: { path: '^packages/[^/]+/src/' },
      to: { couldNotResolve: true },
    },
    {
      name: 'backend-config-depends-on-nothing-of-ours',
      comment: 'backend-config is the bottom layer: it imports no other @coldatom package.',
      severity: 'error',
      from: { path: '^packages/backend-config/src/' },
      to: { path: '^packages/(core|circuit-plugin|simulator|cli)/' },
    },
    {
      name: 'core-above-backend-config-only',
      comment: 'core imports backend-config and nothing above it.',
      severity: 'error',
      from: { path: '^packages/core/src/' },
      to: { path: '^packages/(circuit-plugin|simulator|cli)/' },
    },
    {
      name: 'plugin-and-simulator-are-siblings',
      comment: 'circuit-plugin and simulator both sit on core; neither imports the other, nor the cli.',
      severity: 'error',
      from: { path: '^packages/(circuit-plugin|simulator)/src/' },
      to: { path: '^packages/(circuit-plugin|simulator|cli)/', pathNot: '^packages/$1/' },
    },
    {
      name: 'through-the-front-door',
      comment: 'Another package is imported by its name (its exports map), never by a path into its src or dist.',
      severity: 'error',
      from: { path: '^packages/([^/]+)/src/' },
      to: {
        path: '^packages/[^/]+/(src|dist)/',
        pathNot: [
          '^packages/$1/',
          '^packages/[^/]+/src/index\\.ts$',
          '^packages/[^/]+/src/errors\\.ts$',
          '^packages/[^/]+/src/internal\\.ts$',
          '^packages/[^/]+/src/index\\.browser\\.ts$',
        ],
        dependencyTypes: ['local'],
      },
    },
    {
      name: 'core-transport-below-jobs',
      comment:
        "core's transport (HTTP, dialects) knows nothing of job handles; jobs build on transport. The composition root (backendFor) sits at the package root.",
      severity: 'error',
      from: { path: '^packages/core/src/(transport|protocol|internal)/' },
      to: { path: '^packages/core/src/jobs/' },
    },
    {
      name: 'no-circular',
      comment: 'Modules of a package import in one direction only.',
      severity: 'error',
      from: { path: '^packages/[^/]+/src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      conditionNames: ['@coldatom/source', 'import', 'types', 'default'],
      exportsFields: ['exports'],
      mainFields: ['types', 'module', 'main'],
    },
  },
};
