/**
 * NG-ZORRO renders popconfirms in the CDK overlay, outside the component: this finds them in the
 * document (a select's dropdown: forms.ts `selectOptions`).
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
