#!/usr/bin/env node
// `npm run cli -- …`: runs the compiled CLI, compiling the backend first when the build is missing
// or older than the sources, so the command works straight after a clone and `npm ci`.
require(require('./build-if-stale').buildBackendIfStale('cli.js'));
