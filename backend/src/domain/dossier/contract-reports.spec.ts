import { fieldErrors, z } from '../validation';
import { CONTRACT_REPORT_FIELDS } from './dossier.schema';

/** The CONTRACT fields of periodic reports (DOSSIER.md, format 2), as the CONTRACT part extends its object with them. */
const Contract = z.object({ lot: z.string(), ...CONTRACT_REPORT_FIELDS });
const errors = (input: unknown) => {
  const parsed = Contract.safeParse(input);
  return parsed.success ? [] : fieldErrors(parsed.error.issues).map((e) => [e.path, e.code]);
};

describe('CONTRACT reports (format 2)', () => {
  it('takes reports of the periods of their kind, and none at all', () => {
    expect(errors({ lot: '1' })).toEqual([]);
    expect(
      errors({
        lot: '1',
        reports: [
          { kind: 'monthly', period: '2026-03', submittedOn: '2026-04-03' },
          { kind: 'half-year', period: '2026-H1', submittedOn: '2026-07-20' },
          { kind: 'annual', period: '2026', submittedOn: '2027-01-19' },
        ],
      }),
    ).toEqual([]);
  });

  it('names each bad field: a period not of its kind, an unknown kind, a date that is none', () => {
    expect(
      errors({
        lot: '1',
        reports: [
          { kind: 'monthly', period: '2026-H1', submittedOn: '2026-04-03' },
          { kind: 'quarterly', period: '2026-Q1', submittedOn: '2026-04-03' },
          { kind: 'annual', period: '2026', submittedOn: '2027-02-30' },
        ],
      }),
    ).toEqual([
      ['reports[0].period', 'reportPeriod'],
      ['reports[1].kind', 'oneOf'],
      ['reports[2].submittedOn', 'date'],
    ]);
  });
});
