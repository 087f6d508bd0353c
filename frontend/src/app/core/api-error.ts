import { HttpErrorResponse } from '@angular/common/http';

export interface FieldError {
  path: string;
  message: string;
}

export interface ApiError {
  message: string;
  errors: FieldError[];
}

/** Normalises an HTTP failure into the API's `{ message, errors? }` error body. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof HttpErrorResponse) {
    const body = err.error;
    if (typeof body?.message === 'string') {
      return { message: body.message, errors: Array.isArray(body.errors) ? body.errors : [] };
    }
    if (err.status === 0) {
      return { message: '无法连接服务器，请稍后重试', errors: [] };
    }
  }
  return { message: '操作失败，请稍后重试', errors: [] };
}
