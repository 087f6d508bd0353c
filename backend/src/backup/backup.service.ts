import { Inject, Injectable, Logger } from '@nestjs/common';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DataSource } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { APP_CONFIG } from '../config/config';
import type { AppConfig } from '../config/config';
import { JobRun } from '../database/job-run.entity';
import { runOnce } from '../database/job-runs';
import { BACKUP_FILE_PATTERN } from './backup-file';
import { BackupSummary, openRawDb, writeBackup } from './backup';
import { configuredKeyIds } from './key-ids';
import type { RawDb } from './raw-db';

export const BACKUP_JOB = 'backup';

/** What a backup run leaves in `job_runs.outcome`: shown to the admin and, as ok/failed, in /api/health. */
export type BackupOutcome =
  | ({ ok: true; trigger: 'scheduled' | 'manual' } & Omit<BackupSummary, 'fileMismatches'>)
  | { ok: false; trigger: 'scheduled' | 'manual'; file: string; error: string };

/** `20261125T023000Z`: UTC, sortable, safe in a file name. */
const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

@Injectable()
export class BackupService {
  private readonly log = new Logger(BackupService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * One backup, recorded in `job_runs` (job `backup`) whatever its outcome: a scheduled one claims its
   * minute, so of several servers sharing the database exactly one writes it; a manual one (the CLI)
   * claims its own instant. A failure is kept as the run's outcome rather than released for a retry, so
   * the admin sees it; the next scheduled run tries again. A success is audited (`backup.create`): a
   * backup is a copy of every record, and who took one is part of the record.
   */
  async run(trigger: 'scheduled' | 'manual', options: { out?: string; actor?: Actor | null; now?: Date } = {}) {
    const now = options.now ?? new Date();
    const dir = this.config.backupDir;
    const out = options.out ?? (dir && join(dir, `hcprocure-backup-${stamp(now)}.ndjson.gz`));
    if (!out) throw new Error('no file given and BACKUP_DIR not set / 未指定备份文件，也未设置 BACKUP_DIR');
    const period = trigger === 'scheduled' ? now.toISOString().slice(0, 16) : `manual-${now.toISOString()}`;
    return runOnce<BackupOutcome>(this.dataSource, BACKUP_JOB, period, async () => {
      let db: RawDb | undefined;
      try {
        db = await openRawDb(this.config, this.dataSource);
        if (!options.out && dir) mkdirSync(dir, { recursive: true });
        const { fileMismatches, ...summary } = await writeBackup(db, out, configuredKeyIds(this.config.auditKey));
        await this.audit.record(options.actor ?? null, {
          action: 'backup.create',
          entityType: 'system',
          after: { file: basename(out), bytes: summary.bytes, sha256: summary.sha256, trigger, auditHead: summary.auditHead },
        });
        if (fileMismatches.length) {
          const list = fileMismatches.map((f) => `${f.table} ${f.key}`).join(', ');
          return {
            ok: false,
            trigger,
            file: out,
            error: `备份已写入，但数据库中这些文件的内容与其 SHA-256 不符：${list} / backup written, but these stored files no longer match their SHA-256 in the database: ${list}`,
          };
        }
        if (trigger === 'scheduled' && dir) this.prune(dir);
        return { ok: true, trigger, ...summary };
      } catch (e) {
        this.log.error(`backup to ${out} failed: ${(e as Error).message}`);
        return { ok: false, trigger, file: out, error: (e as Error).message };
      } finally {
        await db?.close();
      }
    });
  }

  /** Keeps the newest BACKUP_KEEP scheduled backups in BACKUP_DIR; only files named as the job names them are touched. */
  private prune(dir: string) {
    const files = readdirSync(dir)
      .filter((f) => BACKUP_FILE_PATTERN.test(f))
      .sort()
      .reverse();
    for (const old of files.slice(this.config.backupKeep)) {
      rmSync(join(dir, old), { force: true });
      this.log.log(`backup ${old} removed (BACKUP_KEEP=${this.config.backupKeep})`);
    }
  }

  /** The schedule and the latest runs, newest first, for the admin. */
  async status(limit = 20) {
    const runs = await this.dataSource.getRepository(JobRun).find({ where: { job: BACKUP_JOB }, order: { id: 'DESC' }, take: limit });
    return {
      schedule: this.config.backupDir ? { dir: this.config.backupDir, cron: this.config.backupCron, keep: this.config.backupKeep } : null,
      runs: runs.map((r) => ({ id: r.id, startedAt: r.startedAt, finishedAt: r.finishedAt, outcome: r.outcome as BackupOutcome | null })),
    };
  }
}
