import type { ComponentFixture } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { CandyDate } from 'ng-zorro-antd/core/time';
import { NzDatePickerComponent } from 'ng-zorro-antd/date-picker';
import { NzSelectComponent } from 'ng-zorro-antd/select';

/**
 * Picks an option of the nz-select matching `css`, as a click on the option does (the options list is
 * a virtual-scroll overlay, which a DOM without layout does not render).
 */
export async function choose(fixture: ComponentFixture<unknown>, css: string, value: unknown, index = 0): Promise<void> {
  const found = fixture.debugElement.queryAll(By.css(css));
  if (!found[index]) throw new Error(`choose: no nz-select ${css} #${index}`);
  found[index].injector.get(NzSelectComponent).onItemClick(value);
  await fixture.whenStable();
}

/** Types into the input matching `css` (the `index`-th of them), as a user does. */
export async function type(fixture: ComponentFixture<unknown>, css: string, text: string, index = 0): Promise<void> {
  const inputs = (fixture.nativeElement as HTMLElement).querySelectorAll<HTMLInputElement>(css);
  const input = inputs[index];
  if (!input) throw new Error(`type: no input ${css} #${index}`);
  input.value = text;
  input.dispatchEvent(new Event('input'));
  await fixture.whenStable();
}

/** Picks `date` in the nz-date-picker matching `css`, as choosing it in the panel does. */
export async function pickDate(fixture: ComponentFixture<unknown>, css: string, date: Date): Promise<void> {
  const found = fixture.debugElement.query(By.css(css));
  if (!found) throw new Error(`pickDate: no nz-date-picker ${css}`);
  const picker = found.injector.get(NzDatePickerComponent);
  picker.datePickerService.setValue(new CandyDate(date));
  picker.datePickerService.emitValue$.next();
  await fixture.whenStable();
}

/** The labels of the options of the nz-select matching `css`, in order. */
export function optionLabels(fixture: ComponentFixture<unknown>, css: string): string[] {
  const found = fixture.debugElement.query(By.css(css));
  if (!found) throw new Error(`optionLabels: no nz-select ${css}`);
  return found.injector.get(NzSelectComponent).listOfNzOptionComponent.map((o) => String(o.nzLabel));
}

/** The inline error messages (nzErrorTip) under the form item holding the element matching `css`. */
export function fieldErrors(page: HTMLElement, css: string): string[] {
  const item = page.querySelector(css)?.closest('nz-form-item');
  if (!item) throw new Error(`fieldErrors: no nz-form-item holds ${css}`);
  return [...item.querySelectorAll('.ant-form-item-explain-error')].map((e) => e.textContent?.trim() ?? '');
}
