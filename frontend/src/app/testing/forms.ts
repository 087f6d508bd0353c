import type { ComponentFixture } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { CandyDate } from 'ng-zorro-antd/core/time';
import { NzDatePickerComponent } from 'ng-zorro-antd/date-picker';
import { NzSelectComponent } from 'ng-zorro-antd/select';

/**
 * Picks the option of value `value` in the nz-select matching `css` (the `index`-th of them), as a
 * click on the option does, without opening its dropdown.
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

/** Picks `date` in the nz-date-picker matching `css` or holding it (`#id`, its input), as choosing it in the panel does. */
export async function pickDate(fixture: ComponentFixture<unknown>, css: string, date: Date): Promise<void> {
  const found = fixture.debugElement.query(By.css(css));
  if (!found) throw new Error(`pickDate: no nz-date-picker ${css}`);
  const picker = found.injector.get(NzDatePickerComponent);
  picker.datePickerService.setValue(new CandyDate(date));
  picker.datePickerService.emitValue$.next();
  await fixture.whenStable();
}

/**
 * The options of the nz-select matching `css` (the `index`-th of them) as its dropdown shows them,
 * opening it unless it is open (the dropdown is in the CDK overlay, outside the component).
 */
export async function selectOptions(fixture: ComponentFixture<unknown>, css: string, index = 0): Promise<HTMLElement[]> {
  const select = (fixture.nativeElement as HTMLElement).querySelectorAll<HTMLElement>(css)[index];
  if (!select) throw new Error(`selectOptions: no nz-select ${css} #${index}`);
  // An open list scrolls its selected option into view, through a method jsdom does not have.
  Element.prototype.scrollTo ??= () => undefined;
  if (!select.classList.contains('ant-select-open')) select.querySelector<HTMLElement>('.ant-select-selector')!.click();
  // The options appear once the virtual scroll has measured its viewport.
  for (let turn = 0; turn < 2; turn++) {
    fixture.detectChanges();
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
  }
  return [...document.querySelectorAll<HTMLElement>('.ant-select-dropdown .ant-select-item-option')];
}

/** The inline error messages (nzErrorTip) under the form item holding the element matching `css`. */
export function fieldErrors(page: HTMLElement, css: string): string[] {
  const item = page.querySelector(css)?.closest('nz-form-item');
  if (!item) throw new Error(`fieldErrors: no nz-form-item holds ${css}`);
  return [...item.querySelectorAll('.ant-form-item-explain-error')].map((e) => e.textContent?.trim() ?? '');
}
