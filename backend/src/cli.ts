import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Command, Option } from 'commander';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { AppModule } from './app.module';
import type { Checkpoint } from './audit/audit-chain';
import { AuditService } from './audit/audit.service';
import { BackupService } from './backup/backup.service';
import { restoreBackup } from './backup/restore';
import { verifyArchive } from './backup/tender-archive';
import { TenderArchiveService } from './backup/tender-archive.service';
import { AppConfig, loadConfig } from './config/config';
import { ContractPdfsService } from './contracts/contract-pdfs.service';
import { ContractsService } from './contracts/contracts.service';
import { DocumentsService } from './documents/documents.service';
import { DossiersService } from './dossiers/dossiers.service';
import { ADMIN_ROLES, type AdminRole } from './domain/roles';
import { EvaluationService } from './evaluation/evaluation.service';
import { OcdsService } from './dossiers/ocds.service';
import { UsersService } from './users/users.service';

/**
 * Command line: `npm run cli -- <command>`. Import/export work on the configured database
 * (DATABASE_URL); `evaluate` and `contract` load the dossier into a throwaway in-memory database.
 * Results go to stdout, errors to stderr, exit 1 on any error.
 */

async function withApp<T>(config: AppConfig, work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CliError([`${file}: ${(e as Error).message}`]);
  }
}

class CliError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

/** A 400 from a service carries `errors: [{path, message}]`: one line each on stderr. */
function explain(e: unknown): string[] {
  if (e instanceof CliError) return e.lines;
  const response = (e as { getResponse?: () => unknown }).getResponse?.() as
    { errors?: { path: string; message: string }[]; message?: string } | undefined;
  if (response?.errors) return response.errors.map((x) => `${x.path}: ${x.message}`);
  if (response?.message) return [String(response.message)];
  return [(e as Error).message ?? String(e)];
}

/** The CLI signs no tokens: without JWT_SECRET a random one stands in. */
const cliConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig({ ...env, JWT_SECRET: env.JWT_SECRET || randomBytes(32).toString('hex'), SEED_DEMO: env.SEED_DEMO ?? 'false' });
/** A throwaway in-memory database: its audit chain is keyed with a throwaway key unless AUDIT_KEY is set. */
const memoryConfig = () =>
  cliConfig({
    ...process.env,
    DATABASE_URL: 'sqlite::memory:',
    SEED_DEMO: 'false',
    AUDIT_KEY: process.env.AUDIT_KEY || randomBytes(32).toString('hex'),
  });

const program = new Command('hcprocure').description('医保经办服务采购与履约考核系统 command line');

program
  .command('import')
  .argument('<file>', 'dossier JSON file')
  .description('import a tender dossier into the database')
  .action(async (file: string) => {
    const input = readJson(file);
    const { tenderId } = await withApp(cliConfig(), (app) => app.get(DossiersService).import(null, input));
    process.stdout.write(JSON.stringify({ tenderId }) + '\n');
  });

program
  .command('export')
  .argument('<code>', 'tender code (项目编号)')
  .option('--out <file>', 'write to a file instead of stdout')
  .description('export a tender as a dossier')
  .action(async (code: string, opts: { out?: string }) => {
    const dossier = await withApp(cliConfig(), async (app) => {
      const dossiers = app.get(DossiersService);
      return dossiers.export(await dossiers.tenderIdByCode(code));
    });
    const json = JSON.stringify(dossier, null, 1) + '\n';
    if (opts.out) writeFileSync(opts.out, json);
    else process.stdout.write(json);
  });

program
  .command('ocds')
  .argument('<code>', 'tender code (项目编号)')
  .option(
    '--base-url <url>',
    'where the product is published (the package names its address by it)',
    process.env.PUBLIC_URL || 'http://localhost:3000',
  )
  .option('--out <file>', 'write to a file instead of stdout')
  .description('export a tender as an OCDS 1.1 release package (open data)')
  .action(async (code: string, opts: { baseUrl: string; out?: string }) => {
    const pkg = await withApp(cliConfig(), async (app) =>
      app.get(OcdsService).releasePackage(await app.get(DossiersService).tenderIdByCode(code), opts.baseUrl.replace(/\/+$/, '')),
    );
    const json = JSON.stringify(pkg, null, 1) + '\n';
    if (opts.out) writeFileSync(opts.out, json);
    else process.stdout.write(json);
  });

program
  .command('evaluate')
  .argument('<file>', 'dossier JSON file')
  .description('evaluate a dossier in a throwaway database and print the results')
  .action(async (file: string) => {
    const input = readJson(file);
    const results = await withApp(memoryConfig(), async (app) => {
      const { tenderId } = await app.get(DossiersService).import(null, input);
      return app.get(EvaluationService).results(tenderId);
    });
    process.stdout.write(JSON.stringify(results, null, 1) + '\n');
  });

/** A whole-number option, refused with its name otherwise. */
const wholeNumber = (name: string) => (v: string) => {
  if (!/^\d+$/.test(v)) throw new CliError([`${name}: a whole number, got "${v}" / 须为整数`]);
  return Number(v);
};

program
  .command('contract')
  .argument('<file>', 'dossier JSON file')
  .requiredOption('--lot <no>', 'lot number (标包号)')
  .requiredOption('--year <year>', 'contract year', wholeNumber('--year'))
  .requiredOption('--out <file>', 'the PDF to write')
  .option('--population <n>', 'insured population on 1 January (default: the lot’s base population)', wholeNumber('--population'))
  .option('--schedule <code>', 'payment schedule (the dossier’s paymentSchedules, else seed/payment-schedules.json)', 'ningbo')
  .option('--fund-standard <yuan>', 'premium contracts: the per-capita funding standard (元/人/年)')
  .description('render the contract of a lot’s winner from a dossier, in a throwaway database')
  .action(
    async (
      file: string,
      opts: { lot: string; year: number; out: string; population?: number; schedule: string; fundStandard?: string },
    ) => {
      const input = readJson(file);
      const pdf = await withApp(memoryConfig(), async (app) => {
        const { tenderId } = await app.get(DossiersService).import(null, input);
        const contracts = app.get(ContractsService);
        const draft = await contracts.create(null, tenderId, opts.lot, {
          year: opts.year,
          scheduleTemplate: opts.schedule,
          fundStandard: opts.fundStandard,
        });
        const population = opts.population ?? draft.basePopulation;
        if (draft.kind !== 'fixed-price' && population !== null)
          await contracts.update(null, draft.id, { version: draft.version, population });
        const data = await app.get(ContractPdfsService).contractData(draft.id);
        return app.get(DocumentsService).renderPdf(data.template, data);
      });
      writeFileSync(opts.out, pdf);
      process.stdout.write(JSON.stringify({ out: opts.out, bytes: pdf.length }) + '\n');
    },
  );

/** A checkpoint given on the command line: a file holding what `audit checkpoint` printed, or `id:hash:hmac`. */
function readCheckpoint(arg: string): Pick<Checkpoint, 'id' | 'hash' | 'hmac'> & { alg?: Checkpoint['alg'] } {
  const values = /^(\d+):([0-9a-f]{64}):([0-9a-f]{64})$/i.exec(arg);
  if (values) return { id: Number(values[1]), hash: values[2], hmac: values[3] };
  const cp = (existsSync(arg) ? readJson(arg) : null) as Checkpoint | null;
  if (!cp || !Number.isInteger(cp.id) || typeof cp.hash !== 'string' || typeof cp.hmac !== 'string')
    throw new CliError([`--checkpoint: ${arg} is neither a checkpoint file (as printed by audit checkpoint) nor id:hash:hmac`]);
  return cp;
}

program
  .command('audit')
  .argument('<action>', 'verify | checkpoint')
  .option('--checkpoint <file or id:hash:hmac>', 'verify: also check the chain against a checkpoint kept outside')
  .description(
    'verify: the audit chain intact — every entry unchanged, none removed, keyed with AUDIT_KEY, ending at its head (exit 1 otherwise); ' +
      'checkpoint: print the head signed with AUDIT_KEY, to be kept outside the database',
  )
  .action(async (action: string, opts: { checkpoint?: string }) => {
    if (action === 'checkpoint') {
      const cp = await withApp(cliConfig(), (app) => app.get(AuditService).checkpoint());
      process.stdout.write(JSON.stringify(cp) + '\n');
      return;
    }
    if (action !== 'verify') throw new CliError([`unknown audit action: ${action} (use: verify, checkpoint)`]);
    const checkpoint = opts.checkpoint ? readCheckpoint(opts.checkpoint) : undefined;
    const { entries, breaks } = await withApp(cliConfig(), (app) => app.get(AuditService).verify(checkpoint));
    if (breaks.length) throw new CliError(breaks.map((b) => `entry ${b.id}: ${b.problem} — ${b.detail}`));
    process.stdout.write(`audit chain intact: ${entries} entries${checkpoint ? `, checkpoint ${checkpoint.id} confirmed` : ''}\n`);
  });

/** Who ran a command that is audited: the CLI has no signed-in user, so the operating-system account stands in. */
const cliActor = () => ({ id: null, username: `cli:${userInfo().username}`.slice(0, 64) });

/** All of stdin as text (a password piped in: `printf %s "$PW" | npm run cli -- admin create …`). */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

const admin = program.command('admin').description('administrator accounts');
admin
  .command('create')
  .argument('<username>', 'the new administrator’s username')
  .addOption(new Option('--role <role>', 'which administrator').choices([...ADMIN_ROLES]).default('admin'))
  .option('--password-stdin', 'read the password from stdin (otherwise a one-time password is printed, to be changed at the first login)')
  .description('create an administrator (the first one outside demo mode)')
  .action(async (username: string, opts: { role: AdminRole; passwordStdin?: boolean }) => {
    const password = opts.passwordStdin ? await readStdin() : undefined;
    const made = await withApp(cliConfig(), (app) => app.get(UsersService).createAdministrator(cliActor(), username, opts.role, password));
    process.stdout.write(JSON.stringify({ id: made.user.id, username: made.user.username, role: made.user.role }) + '\n');
    if (made.oneTimePassword) {
      process.stdout.write(
        `one-time password (must be changed at the first login) / 一次性密码（首次登录须修改）: ${made.oneTimePassword}\n`,
      );
    }
  });

program
  .command('backup')
  .option('--out <file>', 'the backup file to write (default: a new file in BACKUP_DIR)')
  .description('back up the whole database, online and consistent, into one compressed file')
  .action(async (opts: { out?: string }) => {
    const run = await withApp(cliConfig(), (app) => app.get(BackupService).run('manual', { out: opts.out, actor: cliActor() }));
    if (!run.ran) throw new CliError(['another backup claimed the same instant; run it again / 同一时刻已有备份在运行，请重试']);
    if (!run.outcome.ok) throw new CliError([run.outcome.error]);
    process.stdout.write(JSON.stringify(run.outcome) + '\n');
  });

program
  .command('restore')
  .argument('<file>', 'a backup file')
  .option('--force', 'replace a database that is not empty (every table is dropped and rebuilt)')
  .description('restore a backup into the configured database (empty, unless --force), then verify it')
  .action(async (file: string, opts: { force?: boolean }) => {
    const config = cliConfig();
    const report = await restoreBackup(file, config, {
      force: opts.force,
      boot: (c) => NestFactory.createApplicationContext(AppModule.forRoot(c), { logger: false }),
    });
    process.stdout.write(JSON.stringify(report) + '\n');
  });

const archive = program.command('archive').description('the archive (电子档案) of a finished tender');
archive
  .command('export')
  .argument('<code>', 'tender code (项目编号)')
  .requiredOption('--out <file>', 'the archive (.zip) to write')
  .description('export a finished tender: dossier, PDFs, files, audit entries and a manifest of hashes')
  .action(async (code: string, opts: { out: string }) => {
    const { content } = await withApp(cliConfig(), async (app) =>
      app.get(TenderArchiveService).export(cliActor(), await app.get(DossiersService).tenderIdByCode(code)),
    );
    writeFileSync(opts.out, content);
    process.stdout.write(JSON.stringify({ out: opts.out, bytes: content.length }) + '\n');
  });
archive
  .command('verify')
  .argument('<file>', 'a tender archive (.zip)')
  .description('check an archive offline: every hash, and with AUDIT_KEY the keyed manifest and audit entries (exit 1 on any problem)')
  .action(async (file: string) => {
    let content: Buffer;
    try {
      content = readFileSync(file);
    } catch (e) {
      throw new CliError([`${file}: ${(e as Error).message}`]);
    }
    const check = await verifyArchive(content, process.env.AUDIT_KEY || undefined);
    for (const note of check.notes) process.stderr.write(`note: ${note}\n`);
    if (!check.ok) throw new CliError(check.problems);
    process.stdout.write(
      `archive intact: ${check.tender?.code} — ${check.files} files, ${check.auditEntries} audit entries${check.keyed ? ', keyed manifest verified' : ''}\n`,
    );
  });

program.parseAsync(process.argv).catch((e: unknown) => {
  for (const line of explain(e)) process.stderr.write(line + '\n');
  process.exit(1);
});
