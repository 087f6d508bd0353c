#!/usr/bin/env node
// `npm run schema`: writes docs/dossier.schema.json, the JSON Schema of the dossier format, generated from
// its zod schema (backend/src/domain/dossier); a backend test fails while the committed file is stale.
'use strict';

const { mkdirSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { buildBackendIfStale } = require('./build-if-stale');

const { DOSSIER_JSON_SCHEMA_FILE, dossierJsonSchema } = require(buildBackendIfStale('domain/dossier/dossier.json-schema.js'));
const file = join(__dirname, '..', DOSSIER_JSON_SCHEMA_FILE);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, dossierJsonSchema());
console.log(`wrote ${DOSSIER_JSON_SCHEMA_FILE}`);
