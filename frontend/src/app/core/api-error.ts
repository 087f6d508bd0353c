import { HttpErrorResponse } from '@angular/common/http';
import { errorLabel } from '@domain/labels';

export interface FieldError {
  path: string;
  message: string;
}

export interface ApiError {
  message: string;
  errors: FieldError[];
}

/**
 * An HTTP failure as the error the UI shows: the API's `{ message, errors }` body (every field error
 * rendered through the label table's errorLabel), or a Chinese message when there is no such body.
 */
export function toApiError(err: unknown): ApiError {
  if (err instanceof HttpErrorResponse) {
    const body = err.error;
    if (typeof body?.message === 'string') {
      const errors: FieldError[] = Array.isArray(body.errors) ? body.errors : [];
      // A refusal with a code of the error catalogue (403/409) reads in Chinese like a field error.
      const message = errorLabel({ path: '$', message: body.message, code: body.code, params: body.params });
      return { message, errors: errors.map((e) => ({ path: e.path, message: errorLabel(e) })) };
    }
    if (err.status === 0) {
      return { message: '无法连接服务器，请稍后重试', errors: [] };
    }
  }
  return { message: '操作失败，请稍后重试', errors: [] };
}
