import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT_DIR } from '../src/config/config';

/** The test dossiers of backend/test/fixtures, and the command line run on them. */
export const FIXTURES = join(ROOT_DIR, 'backend', 'test', 'fixtures');

/** backend/test/fixtures/`name`.json, parsed afresh (a test may change its copy). */
export const fixturePath = (name: string) => join(FIXTURES, `${name}.json`);
export const readFixture = (name: string): unknown => JSON.parse(readFileSync(fixturePath(name), 'utf8'));

/** `npm run cli -- …args` as a child process: resolves with its output, rejects (with `code`, `stderr`) on exit ≠ 0. */
export const runCli = (args: string[]) =>
  promisify(execFile)(process.execPath, [join(ROOT_DIR, 'scripts', 'cli.js'), ...args], { cwd: ROOT_DIR, maxBuffer: 16 * 1024 * 1024 });

/** `cli evaluate FILE`: the results it prints. */
export const cliEvaluate = async (file: string) => JSON.parse((await runCli(['evaluate', file])).stdout);
