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

  it('shows the message of a body without a code as it is', () => {
    const err = new HttpErrorResponse({ status: 404, error: { statusCode: 404, message: '合同不存在 / contract not found' } });
    expect(toApiError(err).message).toBe('合同不存在 / contract not found');
  });
});
