import { Pipe, PipeTransform } from '@angular/core';
import { type CodeOf, label, type LabelKind } from '@domain/labels';

/**
 * Renders a code in Chinese from the label table (domain/labels.ts):
 * `{{ tender.status | label: 'tenderStatus' }}`, `{{ flag | label: 'flag' }}`.
 */
@Pipe({ name: 'label' })
export class LabelPipe implements PipeTransform {
  transform<K extends LabelKind>(code: CodeOf<K> | null | undefined, kind: K): string {
    return label(kind, code);
  }
}
