/**
 * NG-ZORRO renders popconfirms and select dropdowns in the CDK overlay, outside the component: these
 * helpers find them in the document.
 */
interface Fixture {
  whenStable(): Promise<unknown>;
  detectChanges(): void;
}

/** Confirms the open popconfirm (its primary button). */
export async function confirmPopover(fixture: Fixture): Promise<void> {
  fixture.detectChanges();
  await fixture.whenStable();
  const ok = document.querySelector<HTMLButtonElement>('.ant-popover .ant-btn-primary');
  if (!ok) throw new Error('no popconfirm is open');
  ok.click();
  fixture.detectChanges();
  await fixture.whenStable();
}

/** Opens the nz-select under `selector` and answers its options. */
export async function openSelect(fixture: Fixture, page: HTMLElement, selector: string): Promise<HTMLElement[]> {
  page.querySelector<HTMLElement>(`${selector} .ant-select-selector`)!.click();
  fixture.detectChanges();
  await fixture.whenStable();
  return [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')];
}
