import { Component, computed, input } from '@angular/core';
import { type CodeOf, label } from '@domain/labels';
import { NzTagModule } from 'ng-zorro-antd/tag';

/** The status tables whose codes the pages show as coloured tags. */
export type StatusKind = 'contractStatus' | 'milestoneStatus' | 'assessmentStatus' | 'challengeStatus';

/**
 * The tag colour of each status, the same on every page: done → success, stopped or held back → error,
 * waiting for someone → warning, a payment ready to pay → processing; a status not listed is a plain tag.
 */
const COLOURS: { [K in StatusKind]: Partial<Record<CodeOf<K>, 'success' | 'error' | 'warning' | 'processing'>> } = {
  contractStatus: { signed: 'success', terminated: 'error' },
  milestoneStatus: { paid: 'success', payable: 'processing', withheld: 'error' },
  assessmentStatus: { open: 'warning', published: 'warning', final: 'success' },
  challengeStatus: { filed: 'warning', upheld: 'success', rejected: 'success' },
};

/** A status as a tag: its Chinese label from the label table, in the status's colour. */
@Component({
  selector: 'app-status-tag',
  imports: [NzTagModule],
  template: `<nz-tag [nzColor]="colour()">{{ text() }}</nz-tag>`,
})
export class StatusTag {
  readonly kind = input.required<StatusKind>();
  readonly status = input.required<string>();

  protected readonly text = computed(() => label(this.kind(), this.status() as never));
  protected readonly colour = computed(() => (COLOURS[this.kind()] as Record<string, string>)[this.status()] ?? 'default');
}
