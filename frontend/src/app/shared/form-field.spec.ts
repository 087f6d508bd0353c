import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormsModule } from '@angular/forms';
import { NzInputModule } from 'ng-zorro-antd/input';
import type { ApiError } from '../core/api-error';
import { FormField } from './form-field';

@Component({
  imports: [FormField, FormsModule, NzInputModule],
  template: `
    <form>
      <app-form-field label="金额" for="amount" field="amount" [error]="error()" required>
        <input nz-input id="amount" name="amount" [(ngModel)]="amount" />
      </app-form-field>
    </form>
  `,
})
class Host {
  readonly error = signal<ApiError | null>(null);
  amount = '';
}

describe('FormField', () => {
  it('labels the projected control, and marks it and says why when the API error names its field', async () => {
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    const input = page.querySelector('input#amount')!;
    expect(page.querySelector('label[for="amount"]')?.textContent?.trim()).toBe('金额');
    expect(input.classList).not.toContain('ant-input-status-error');

    fixture.componentInstance.error.set({ message: '输入有误', errors: [{ path: 'amount', message: '金额须为正数' }] });
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
    // The red border: nz-input reads the status this element provides (it is not inside nz-form-control's injector).
    expect(input.classList).toContain('ant-input-status-error');
    expect(page.querySelector('.ant-form-item-explain-error')?.textContent).toContain('金额须为正数');

    fixture.componentInstance.error.set({ message: '输入有误', errors: [{ path: 'other', message: '别的字段' }] });
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(input.classList).not.toContain('ant-input-status-error');
  });
});
