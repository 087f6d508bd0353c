import { TRIGGERS } from '../contracts/payment-schedule';
import { MILESTONE_STATUSES } from '../lifecycles';
import { bool, day, decimal, on, positive, string, text, toTheFen, z } from '../validation';
import { calendarDay, decimalText, reply } from './common';

/**
 * The events that release money (DOMAIN.md §6.1) as the bureau records them, and the ledger they make
 * (`/api/contracts/:id/ledger`, `/api/ledger?year=`).
 */

// ---- requests

/** The payment of a payable milestone: the day it was paid and the voucher number (凭证号). */
export const RecordPaymentSchema = z.strictObject(
  {
    paidOn: day().meta({ description: 'the day paid: not before the signature, not after today' }),
    voucher: text(64).meta({ description: 'the payment voucher number (凭证号)' }),
  },
  on('object'),
);

/** The insurer's application (on-application, quarterly): the amount, based on last quarter's spending. */
export const ApplyForPaymentSchema = z.strictObject(
  { requested: decimal(positive, toTheFen).meta({ description: 'the amount applied for (元), based on last quarter’s spending' }) },
  on('object'),
);

/** The bureau's approval of an application: at most what remains of the fund net of retentions. */
export const ApprovePaymentSchema = z.strictObject(
  { approved: decimal(positive, toTheFen).meta({ description: 'the amount approved (元)' }) },
  on('object'),
);

/** The buyer's evaluation of one period's service (hospital 001: half-yearly); a re-evaluation is another one. */
export const RecordServiceEvaluationSchema = z.strictObject(
  {
    period: text(16).meta({ description: 'the period the payment covers, as the schedule names it ("H1")' }),
    on: day().meta({ description: 'the day of the evaluation' }),
    passed: bool(),
    note: string(2000).nullish(),
  },
  on('object'),
);

/** The buyer's acceptance (验收): its day and outcome; on failure the failure and any claim. */
export const RecordAcceptanceSchema = z.strictObject(
  {
    on: day().meta({ description: 'the day of the acceptance' }),
    passed: bool(),
    note: string(2000).nullish().meta({ description: 'what was found; on failure, the failure' }),
    claim: string(2000).nullish().meta({ description: 'a claim made on a failed acceptance (违约索赔)' }),
  },
  on('object'),
);

/** Multipart beside the acceptance document's `file`: no other field. */
export const AcceptanceDocumentFieldsSchema = z.strictObject({}, on('object'));

// ---- answers

const amounts = {
  due: decimalText(),
  payable: decimalText(),
  paid: decimalText(),
  withheld: decimalText(),
  outstanding: decimalText(),
  overdue: decimalText(),
};

export const LedgerLineSchema = reply({
  id: z.number().int(),
  seq: z.number().int(),
  name: z.string(),
  trigger: z.enum(TRIGGERS),
  status: z.enum(MILESTONE_STATUSES),
  amount: decimalText().nullable(),
  requested: decimalText().nullable(),
  appliedOn: calendarDay().nullable(),
  dueDate: calendarDay().nullable(),
  paidOn: calendarDay().nullable(),
  voucher: z.string().nullable(),
  withheldReason: z.string().nullable(),
  isOverdue: z.boolean(),
  ...amounts,
});

export const ServiceEvaluationSchema = reply({
  id: z.number().int(),
  period: z.string(),
  on: calendarDay(),
  passed: z.boolean(),
  note: z.string().nullable(),
});

/** A document kept with an acceptance (the report, minutes, photographs); its content downloads on its own. */
export const AcceptanceDocumentSchema = reply({
  id: z.number().int(),
  fileName: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.iso.datetime(),
  uploadedBy: z.string(),
});

export const AcceptanceSchema = reply({
  id: z.number().int(),
  on: calendarDay(),
  passed: z.boolean(),
  note: z.string().nullable(),
  claim: z.string().nullable(),
  documents: z.array(AcceptanceDocumentSchema),
});

/** A contract's ledger on `today` (China time), with the events recorded so far. */
export const ContractLedgerSchema = reply({
  contractId: z.number().int(),
  today: calendarDay(),
  signedOn: calendarDay().nullable(),
  lines: z.array(LedgerLineSchema),
  totals: reply(amounts),
  serviceEvaluations: z.array(ServiceEvaluationSchema),
  acceptances: z.array(AcceptanceSchema),
});

const LedgerGroupSchema = reply({ key: z.string(), contracts: z.number().int(), ...amounts });

/** A contract year's ledger summed per insurer, lot and buyer; an insurer's holds its own contracts only. */
export const YearLedgerSchema = reply({
  year: z.number().int(),
  today: calendarDay(),
  contracts: z.array(
    reply({
      contractId: z.number().int(),
      tenderCode: z.string(),
      lotNo: z.string(),
      insurer: z.string(),
      lot: z.string(),
      buyer: z.string(),
      totals: reply(amounts),
    }),
  ),
  byInsurer: z.array(LedgerGroupSchema),
  byLot: z.array(LedgerGroupSchema),
  byBuyer: z.array(LedgerGroupSchema),
  total: reply(amounts),
});

export type RecordPayment = z.output<typeof RecordPaymentSchema>;
export type ApplyForPayment = z.output<typeof ApplyForPaymentSchema>;
export type ApprovePayment = z.output<typeof ApprovePaymentSchema>;
export type RecordServiceEvaluation = z.output<typeof RecordServiceEvaluationSchema>;
export type RecordAcceptance = z.output<typeof RecordAcceptanceSchema>;
export type AcceptanceDocumentView = z.output<typeof AcceptanceDocumentSchema>;
export type ContractLedger = z.output<typeof ContractLedgerSchema>;
export type LedgerLine = z.output<typeof LedgerLineSchema>;
export type YearLedger = z.output<typeof YearLedgerSchema>;
