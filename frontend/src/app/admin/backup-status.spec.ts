import { TestBed } from '@angular/core/testing';
import { useHttpTesting } from '../testing/http';
import { BackupStatusSchema, type BackupStatus as BackupStatusView } from '@domain/wire/backup';
import { answer } from '../testing/wire';
import { BackupStatus } from './backup-status';

describe('BackupStatus', () => {
  const http = useHttpTesting();

  async function render(view: BackupStatusView) {
    const fixture = TestBed.createComponent(BackupStatus);
    http.expectOne('/api/backups').flush(answer(BackupStatusSchema, view));
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows the schedule and a successful last backup', async () => {
    const page = await render({
      schedule: { dir: '/var/backups/hcprocure', cron: '0 30 2 * * *', keep: 14 },
      runs: [
        {
          id: 3,
          startedAt: '2026-11-25T18:30:00.000Z',
          finishedAt: '2026-11-25T18:30:04.000Z',
          outcome: {
            ok: true,
            trigger: 'scheduled',
            file: '/var/backups/hcprocure/hcprocure-backup-20261125T183000Z.ndjson.gz',
            bytes: 5 * 1048576,
            sha256: 'a'.repeat(64),
            createdAt: '2026-11-25T18:30:04.000Z',
            tables: 24,
            rows: 1830,
            files: 12,
            migrations: 9,
            auditHead: 'b'.repeat(64),
            seconds: 4.2,
          },
        },
      ],
    });
    expect(page.querySelector('#backup-schedule')?.textContent).toContain(
      '0 30 2 * * *（北京时间）→ /var/backups/hcprocure，保留最近 14 份',
    );
    const last = page.querySelector('#backup-last')!;
    expect(last.textContent).toContain('成功，/var/backups/hcprocure/hcprocure-backup-20261125T183000Z.ndjson.gz（5.0 MB，4.2 秒）');
    expect(last.classList).not.toContain('ant-typography-danger');
  });

  it('shows a failed last backup as an alert, and a missing schedule', async () => {
    const page = await render({
      schedule: null,
      runs: [
        {
          id: 4,
          startedAt: '2026-11-26T18:30:00.000Z',
          finishedAt: '2026-11-26T18:30:00.000Z',
          outcome: { ok: false, trigger: 'manual', file: '/full/x.gz', error: 'ENOSPC: no space left on device' },
        },
      ],
    });
    expect(page.querySelector('#backup-schedule')?.textContent).toContain('未设置定时备份');
    const last = page.querySelector('#backup-last')!;
    expect(last.textContent).toContain('失败：ENOSPC: no space left on device');
    expect(last.classList).toContain('ant-typography-danger');
  });
});
