import { Pipe, type PipeTransform } from '@angular/core';
import type { ApiError } from '../core/api-error';
import { messagesFor } from './api-errors';

/**
 * An API error's field messages on an nz-form-control: `[nzValidateStatus]="error() | fieldStatus: 'code'"`
 * marks the control, `[nzErrorTip]="error() | fieldTip: 'code'"` says why under it.
 */
@Pipe({ name: 'fieldStatus' })
export class FieldStatusPipe implements PipeTransform {
  transform(error: ApiError | null, field: string): 'error' | '' {
    return messagesFor(error, field).length ? 'error' : '';
  }
}

@Pipe({ name: 'fieldTip' })
export class FieldTipPipe implements PipeTransform {
  transform(error: ApiError | null, field: string): string {
    return messagesFor(error, field).join('；');
  }
}

/** Both pipes, for a component's imports. */
export const FIELD_STATUS = [FieldStatusPipe, FieldTipPipe] as const;
