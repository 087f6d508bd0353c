const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

/**
 * NestJS 12 and some of its dependencies ship only as ES modules. Node ≥ 20.19 loads them with
 * require(), but Jest's module loader cannot before Node 24.9, so Jest compiles exactly those
 * packages (the ones whose package.json says "type": "module") to CommonJS with ts-jest.
 */
function esmPackages(dir = join(__dirname, 'node_modules')) {
  const found = [];
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    if (name.startsWith('@')) {
      found.push(...esmPackages(join(dir, name)).map((p) => `${name}/${p}`));
      continue;
    }
    try {
      if (JSON.parse(readFileSync(join(dir, name, 'package.json'), 'utf8')).type === 'module') found.push(name);
    } catch {
      /* not a package */
    }
  }
  return found;
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Backend tests: unit and e2e specs beside the code. */
module.exports = {
  rootDir: '.',
  roots: ['<rootDir>/backend'],
  moduleFileExtensions: ['js', 'mjs', 'json', 'ts'],
  testRegex: '\\.(spec|e2e-spec)\\.ts$',
  transform: {
    // Transpiled file by file, not type-checked: tsconfig.json has isolatedModules, which makes ts-jest use
    // TypeScript's transpileModule (decorator metadata included). `npm run typecheck` checks the types.
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
    '^.+\\.m?js$': [
      'babel-jest',
      {
        babelrc: false,
        configFile: false,
        plugins: [
          join(__dirname, 'backend/test/babel-esm-to-cjs.js'),
          'babel-plugin-transform-import-meta',
          '@babel/plugin-transform-dynamic-import',
          '@babel/plugin-transform-modules-commonjs',
        ],
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages().map(escape).join('|')})/)`],
  testEnvironment: 'node',
  // e2e files start a whole application on a busy 2-core machine; 5 s is not enough for that.
  testTimeout: 60_000,
};
