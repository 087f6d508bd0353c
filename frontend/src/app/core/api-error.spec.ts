import { HttpErrorResponse } from '@angular/common/http';
import { toApiError } from './api-error';

describe('toApiError', () => {
  it('reads a 409 with a code of the catalogue in Chinese from its code and params', () => {
    const err = new HttpErrorResponse({
      status: 409,
      error: {
        statusCode: 409,
        code: 'challengePeriodOpen',
        params: { until: '2026-03-11' },
        message: '质疑期至2026-03-11，期满前不得签订合同 / contracts wait for the end of the challenge period (2026-03-11)',
      },
    });
    expect(toApiError(err)).toEqual({ message: '质疑期至2026-03-11，期满前不得签订合同', errors: [] });
  });

  it('shows the Chinese half of a message without a code', () => {
    const err = new HttpErrorResponse({ status: 404, error: { statusCode: 404, message: '合同不存在 / contract not found' } });
    expect(toApiError(err).message).toBe('合同不存在');
  });

  it('shows a 400 as its Chinese summary and each field in Chinese', () => {
    const err = new HttpErrorResponse({
      status: 400,
      error: {
        statusCode: 400,
        message: '输入有误 / invalid input',
        errors: [
          { path: 'name', code: 'text', params: {}, message: 'must be a non-empty string / 必须是非空字符串' },
          { path: 'userId', message: 'already on the panel / 已在评审委员会中' },
        ],
      },
    });
    expect(toApiError(err)).toEqual({
      message: '输入有误',
      errors: [
        { path: 'name', message: '必须是非空字符串' },
        { path: 'userId', message: '已在评审委员会中' },
      ],
    });
  });
});
