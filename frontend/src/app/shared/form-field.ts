import { Component, booleanAttribute, effect, inject, input } from '@angular/core';
import { NzFormStatusService } from 'ng-zorro-antd/core/form';
import { NzFormModule } from 'ng-zorro-antd/form';
import type { ApiError } from '../core/api-error';
import { messagesFor } from './api-errors';
import { FIELD_STATUS } from './field-status';

/**
 * One nz-form-item: its label, the projected control, and the API error's messages for `field` under it
 * (nzErrorTip). The control's ngModel still belongs to the form around this element.
 */
@Component({
  selector: 'app-form-field',
  imports: [NzFormModule, FIELD_STATUS],
  template: `
    <nz-form-item>
      <nz-form-label [nzFor]="for()" [nzRequired]="required()">{{ label() }}</nz-form-label>
      <nz-form-control [nzValidateStatus]="error() | fieldStatus: field()" [nzErrorTip]="error() | fieldTip: field()">
        <ng-content />
      </nz-form-control>
    </nz-form-item>
  `,
  // The nz-form-item is the form's own child for its layout (inline rows, vertical columns).
  styles: ':host { display: contents; }',
  // The projected control takes its injector from where it is written, outside nz-form-control, so it would
  // not see the status nz-form-control provides (the red border on an error): this element provides it.
  providers: [NzFormStatusService],
})
export class FormField {
  readonly label = input.required<string>();
  /** The id of the control, for the label. */
  readonly for = input.required<string>();
  readonly field = input.required<string>();
  readonly error = input<ApiError | null>(null);
  readonly required = input(false, { transform: booleanAttribute });

  constructor() {
    const status = inject(NzFormStatusService);
    effect(() => {
      status.formStatusChanges.next({ status: messagesFor(this.error(), this.field()).length ? 'error' : '', hasFeedback: false });
    });
  }
}
