// Compiles the backend (tsc -p tsconfig.build.json) when dist/backend is missing or older than any
// source, so what runs the built code (the CLI, the crash-recovery tests) never runs a stale build.
'use strict';

const { execFileSync } = require('node:child_process');
const { existsSync, statSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');

function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** @param {string} entry a file of the build, e.g. 'cli.js'; returns its absolute path */
function buildBackendIfStale(entry) {
  const built = join(root, 'dist', 'backend', entry);
  if (!existsSync(built) || statSync(built).mtimeMs < newestSource(join(root, 'backend', 'src'))) {
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  }
  return built;
}

module.exports = { buildBackendIfStale };
