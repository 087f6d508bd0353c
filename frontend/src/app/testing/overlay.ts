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

/** The options of the nz-select whose inner input has `id` (nzId), opening it unless it is open. */
export async function selectOptions(fixture: Fixture, page: HTMLElement, id: string): Promise<HTMLElement[]> {
  const select = page.querySelector(`#${id}`)!.closest<HTMLElement>('nz-select')!;
  if (!select.classList.contains('ant-select-open')) select.querySelector<HTMLElement>('.ant-select-selector')!.click();
  // The options appear once the virtual scroll has measured its viewport.
  for (let turn = 0; turn < 2; turn++) {
    fixture.detectChanges();
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
  }
  return [...document.querySelectorAll<HTMLElement>('.ant-select-dropdown .ant-select-item-option')];
}

/** Picks the option titled `title` in the nz-select whose inner input has `id` (nzId). */
export async function chooseOption(fixture: Fixture, page: HTMLElement, id: string, title: string): Promise<void> {
  const option = (await selectOptions(fixture, page, id)).find((o) => o.getAttribute('title') === title);
  if (!option) throw new Error(`no option ${title} in #${id}`);
  option.click();
  // ngModel writes the values the choice set on the next round.
  for (let turn = 0; turn < 2; turn++) {
    fixture.detectChanges();
    await fixture.whenStable();
  }
}
