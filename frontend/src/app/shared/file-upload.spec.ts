import { Component, signal, viewChild } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ApiClient } from '../core/api-client';
import { useHttpTesting } from '../testing/http';
import { acceptText, FileUpload } from './file-upload';

@Component({
  imports: [FileUpload],
  template: `
    <app-file-upload
      inputId="doc-file"
      label="投标文件"
      accept=".pdf,.jpg,.jpeg,.xlsx"
      [maxBytes]="10485760"
      [multiple]="multiple()"
      [(files)]="files"
      (chosen)="chosen.push($event)"
    />
  `,
})
class Host {
  readonly multiple = signal(true);
  files: File[] = [];
  chosen: File[][] = [];
  readonly upload = viewChild.required(FileUpload);
}

describe('FileUpload', () => {
  const http = useHttpTesting();

  async function render(multiple = true) {
    const fixture = TestBed.createComponent(Host);
    fixture.componentInstance.multiple.set(multiple);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    const input = page.querySelector<HTMLInputElement>('input[type=file]')!;
    const choose = async (...files: File[]) => {
      Object.defineProperty(input, 'files', { value: files, configurable: true });
      input.dispatchEvent(new Event('change'));
      await fixture.whenStable();
    };
    return { fixture, page, input, choose, host: fixture.componentInstance };
  }

  it('hides the native input behind a Chinese button, labelled, with the accepted types in Chinese', async () => {
    const { page, input } = await render();
    expect(input.id).toBe('doc-file');
    expect(input.style.display).toBe('none');
    expect(input.getAttribute('aria-label')).toBe('投标文件');
    expect(input.getAttribute('accept')).toBe('.pdf,.jpg,.jpeg,.xlsx');
    expect(input.multiple).toBe(true);
    const button = page.querySelector('button.choose-file')!;
    expect(button.textContent?.trim()).toBe('选择文件');
    expect(button.getAttribute('aria-label')).toBe('投标文件：选择文件');
    expect(page.querySelector('.upload-hint')?.textContent?.trim()).toBe('可上传 PDF、JPG、Excel（.xlsx），单个不超过10MB');
  });

  it('lists the chosen files with name and size, adds to them when several are allowed, and removes one before sending', async () => {
    const { page, choose, host, fixture } = await render();
    await choose(new File(['%PDF-1.4'], '报价.pdf'), new File([new Uint8Array(2048)], '资质.jpg'));
    await choose(new File(['x'], '附件.xlsx'));
    expect(host.chosen.map((c) => c.map((f) => f.name))).toEqual([['报价.pdf', '资质.jpg'], ['附件.xlsx']]);
    expect(host.files.map((f) => f.name)).toEqual(['报价.pdf', '资质.jpg', '附件.xlsx']);
    const items = [...page.querySelectorAll('.chosen-file')].map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(items).toEqual(['报价.pdf（8 B） 移除', '资质.jpg（2 KB） 移除', '附件.xlsx（1 B） 移除']);
    page.querySelectorAll<HTMLButtonElement>('.remove-file')[1].click();
    await fixture.whenStable();
    expect(host.files.map((f) => f.name)).toEqual(['报价.pdf', '附件.xlsx']);
  });

  it('keeps one file when only one is allowed: a new choice replaces it', async () => {
    const { choose, host } = await render(false);
    await choose(new File(['a'], '一.pdf'));
    await choose(new File(['b'], '二.pdf'));
    expect(host.files.map((f) => f.name)).toEqual(['二.pdf']);
  });

  it('shows the progress of the upload it sends, and no remove button meanwhile', async () => {
    const { page, choose, host, fixture } = await render();
    await choose(new File(['%PDF-1.4'], '报价.pdf'));
    const api = TestBed.inject(ApiClient);
    let answered: unknown;
    host
      .upload()
      .send((progress) => api.upload<{ ok: boolean }>('/things', new FormData(), progress))
      .subscribe((body) => (answered = body));
    const req = http.expectOne('/api/things');
    expect(req.request.reportProgress).toBe(true);
    req.event({ type: 1, loaded: 30, total: 100 });
    await fixture.whenStable();
    expect(page.querySelector('.upload-progress')?.textContent).toContain('正在上传 30%');
    expect(page.querySelector('.remove-file')).toBeNull();
    expect(page.querySelector<HTMLButtonElement>('button.choose-file')?.disabled).toBe(true);
    req.flush({ ok: true });
    await fixture.whenStable();
    expect(answered).toEqual({ ok: true });
    expect(page.querySelector('.upload-progress')).toBeNull();
    host.upload().clear();
    await fixture.whenStable();
    expect(host.files).toEqual([]);
    expect(page.querySelector('.chosen-file')).toBeNull();
  });
});

describe('acceptText', () => {
  it('names the accepted types in Chinese, once each', () => {
    expect(acceptText('.pdf,.jpg,.jpeg,.png,.xlsx,.docx')).toBe('可上传 PDF、JPG、PNG、Excel（.xlsx）、Word（.docx）');
    expect(acceptText('.json,application/json')).toBe('可上传 JSON');
    expect(acceptText('', 1024 * 1024)).toBe('文件单个不超过1MB');
    expect(acceptText('')).toBe('');
  });
});
