import { HttpErrorResponse } from '@angular/common/http';
import { isErrorCode, renderError } from '@domain/errors';
import { errorLabel } from '@domain/labels';
import type { FieldErrorBody } from '@domain/wire/common';

/** A field error as the UI shows it: where, and the message rendered in Chinese from its code. */
export type FieldError = Pick<FieldErrorBody, 'path' | 'message'>;

/** A failure as the UI shows it: the summary and each offending field. */
export interface ApiError {
  message: string;
  errors: FieldError[];
}

/**
 * An HTTP failure as the error the UI shows: the API's `{ message, errors }` body (every field error
 * rendered through the label table's errorLabel; a refusal carrying a catalogue code — a limit reached,
 * the write rate limit — rendered in Chinese from it), or a Chinese message when there is no such body.
 * A message without a code is shown by its Chinese half.
 */
export function toApiError(err: unknown): ApiError {
  if (err instanceof HttpErrorResponse) {
    const body = err.error;
    if (typeof body?.message === 'string') {
      const errors: FieldErrorBody[] = Array.isArray(body.errors) ? body.errors : [];
      const message = isErrorCode(body.code) ? renderError(body.code, body.params ?? {}, 'zh') : chineseHalf(body.message);
      return { message, errors: errors.map((e) => ({ path: e.path, message: chineseHalf(errorLabel(e)) })) };
    }
    if (err.status === 0) {
      return { message: '无法连接服务器，请稍后重试', errors: [] };
    }
  }
  return { message: '操作失败，请稍后重试', errors: [] };
}

/**
 * The Chinese half of a bilingual message: the API writes "中文 / English" (`输入有误 / invalid input`), a
 * field error "English / 中文"; the half with more Chinese characters is the one users read.
 */
export function chineseHalf(message: string): string {
  const halves = message.split(' / ');
  if (halves.length !== 2) return message;
  const chinese = (text: string) => text.match(/[\u4e00-\u9fff]/g)?.length ?? 0;
  const [first, second] = halves;
  return Math.max(chinese(first), chinese(second)) === 0 ? message : chinese(first) >= chinese(second) ? first : second;
}
