import { TestBed } from '@angular/core/testing';
import { OrganizationSchema, UpdateOrganizationSchema } from '@domain/wire/users';
import { answer, sent } from '../testing/wire';
import { fieldErrors } from '../testing/forms';
import { useHttpTesting } from '../testing/http';
import { Organizations } from './organizations';

const bureau = answer(OrganizationSchema, {
  id: 3,
  code: 'NBYBJ',
  name: '宁波市医疗保障局',
  kind: 'bureau',
  createdAt: '2026-01-01T00:00:00.000Z',
  usersCount: 2,
});
const spare = answer(OrganizationSchema, {
  id: 5,
  code: 'NEW',
  name: '新保险公司',
  kind: 'insurer',
  createdAt: '2026-01-01T00:00:00.000Z',
  usersCount: 0,
});

describe('Organizations', () => {
  const http = useHttpTesting();

  async function render() {
    const fixture = TestBed.createComponent(Organizations);
    http.expectOne('/api/organizations').flush([bureau, spare]);
    await fixture.whenStable();
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  it('lists the organisations with their kind in Chinese and their users count', async () => {
    const { page } = await render();
    const rows = [...page.querySelectorAll('tr.organization-row')].map((tr) =>
      [...tr.querySelectorAll('td')].slice(0, 4).map((td) => td.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['NBYBJ', '宁波市医疗保障局', '医疗保障局', '2'],
      ['NEW', '新保险公司', '保险公司', '0'],
    ]);
  });

  it('creates an organisation, its errors shown by the fields', async () => {
    const { fixture, page } = await render();
    const field = (id: string, value: string) => {
      const input = page.querySelector<HTMLInputElement>(id)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    field('#org-code', 'PICC');
    field('#org-name', '');
    await fixture.whenStable();
    page.querySelector<HTMLButtonElement>('#create-organization')!.click();
    const req = http.expectOne('/api/organizations');
    expect(req.request.body).toEqual({ code: 'PICC', name: '', kind: 'insurer' });
    req.flush(
      { statusCode: 400, message: '输入有误', errors: [{ path: 'name', code: 'text', message: '必须是非空字符串' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(fieldErrors(page, '#org-name')).toEqual(['必须是非空字符串']);
  });

  it('edits the name of an organisation', async () => {
    const { fixture, page } = await render();
    page.querySelector<HTMLButtonElement>('tr[data-code="NBYBJ"] .edit-organization')!.click();
    await fixture.whenStable();
    const name = page.querySelector<HTMLInputElement>('tr[data-code="NBYBJ"] .edit-name')!;
    expect(name.value).toBe('宁波市医疗保障局');
    name.value = '宁波市医疗保障局（本级）';
    name.dispatchEvent(new Event('input'));
    page.querySelector<HTMLButtonElement>('.save-organization')!.click();
    const req = http.expectOne('/api/organizations/3');
    expect(req.request.method).toBe('PATCH');
    expect(sent(UpdateOrganizationSchema, req.request.body)).toEqual({ name: '宁波市医疗保障局（本级）' });
    req.flush({ ...bureau, name: '宁波市医疗保障局（本级）' });
    http.expectOne('/api/organizations').flush([{ ...bureau, name: '宁波市医疗保障局（本级）' }, spare]);
    await fixture.whenStable();
    expect(page.querySelector('[role=status]')?.textContent).toContain('已保存机构 宁波市医疗保障局（本级）');
  });
});
