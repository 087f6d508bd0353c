import { D, fen } from '../decimal';
import { Component, DossierBid } from '../dossier/dossier.types';
import { parseCapitals } from './capitals';

/**
 * Price correction (价格修正, DOMAIN.md §3, seed 002 §16.2). A bid's figures can contradict each other;
 * the tender fixes in advance which figure prevails, so that the panel corrects mechanically instead
 * of choosing. The steps run in the seed's order and each one works on the figures the earlier steps
 * left, which is what "同时出现两种以上不一致的，按照前款规定的顺序修正" requires. A corrected bid binds
 * only when the bidder confirms it (judged in validity.ts).
 */

export type PriceField = 'unitPrice' | 'serviceTotal' | 'total';

export interface Correction {
  step: 1 | 2 | 3 | 4;
  field: PriceField;
  /** The figure the bidder wrote that does not bind. */
  from: string;
  /** The figure that binds after the correction. */
  to: string;
  reason: string;
}

/**
 * The binding figures of a bid. A lump-sum bid has no unit price; a rate-priced bid has a rate and a
 * deficit share instead of amounts (nothing to correct there: reviewBid takes them as they are).
 */
export interface CorrectedFigures {
  unitPrice: string | null;
  serviceTotal: string | null;
  total: string | null;
  rate: string | null;
  deficitShare: string | null;
  fixedComponents: Component[];
}

export interface PriceCorrection extends CorrectedFigures {
  corrections: Correction[];
}

/** The priced figures as they stand between steps; a lump sum has no unit price. */
type Figures = { unitPrice: string | null; serviceTotal: string; total: string };

/** `basePopulation` is null for a lump sum: the steps about the unit price do not apply (DOSSIER.md "Lump-sum lots"). */
type CorrectionStep = (figures: Figures, bid: DossierBid, basePopulation: number | null) => Correction[];

export const CORRECTION_REASONS = {
  openingSheetPrevails:
    '开标一览表与分项报价表不一致，以开标一览表为准 / opening sheet differs from the itemised price table: opening sheet prevails',
  capitalsPrevail: '大写金额与小写金额不一致，以大写为准 / capitals differ from figures: capitals prevail',
  misplacedDecimalPoint:
    '单价小数点明显错位，以服务费总价为准并修正单价 / misplaced decimal point in the unit price: service total prevails, unit price corrected',
  unitPricePrevails:
    '服务费总价与单价×基准人数不一致，以单价计算结果为准 / service total differs from unit price × population: unit price prevails',
  totalFromParts:
    '投标总价与服务费总价加固定报价之和不一致，按合计修正 / total differs from service total + fixed components: recomputed from them',
} as const;
export type CorrectionReason = keyof typeof CORRECTION_REASONS;

/**
 * Shifts of the decimal point tried in step 3, nearest first: a slip of one place is the likeliest,
 * and trying it first keeps the outcome deterministic should two shifts ever fit.
 */
const DECIMAL_SHIFTS = [1, -1, 2, -2, 3, -3, 4, -4];

/**
 * Correct a bid's prices; the top-level figures of the bid are its opening sheet (开标一览表). On a
 * lump-sum lot (no base population) steps 1, 2 and the total's part of 4 apply.
 */
export function correctPrice(bid: DossierBid, basePopulation: number | null): PriceCorrection {
  let figures: Figures = {
    unitPrice: basePopulation === null ? null : (bid.unitPrice ?? null),
    serviceTotal: bid.serviceTotal ?? '0',
    total: bid.total ?? '0',
  };
  const corrections: Correction[] = [];
  for (const step of CORRECTION_STEPS) {
    const found = step(figures, bid, basePopulation);
    corrections.push(...found);
    figures = found.reduce((next, c) => ({ ...next, [c.field]: c.to }), figures);
  }
  return {
    unitPrice: figures.unitPrice,
    serviceTotal: fen(figures.serviceTotal),
    total: fen(figures.total),
    rate: null,
    deficitShare: null,
    fixedComponents: bid.fixedComponents.map((c) => ({ ...c, amount: fen(c.amount) })),
    corrections,
  };
}

/** Step 1: the itemised price table yields to the opening sheet, field by field. */
const openingSheetPrevails: CorrectionStep = (figures, bid) =>
  (['unitPrice', 'serviceTotal', 'total'] as const).flatMap((field) => {
    const itemised = bid.itemised?.[field];
    const stated = figures[field];
    return itemised != null && stated !== null && differs(itemised, stated)
      ? [correction(1, field, itemised, stated, 'openingSheetPrevails')]
      : [];
  });

/** Step 2: the total written in capitals prevails over the total in figures. */
const capitalsPrevail: CorrectionStep = (figures, bid) => {
  if (bid.totalCapitals == null) return [];
  const written = parseCapitals(bid.totalCapitals);
  return differs(written, figures.total) ? [correction(2, 'total', figures.total, written, 'capitalsPrevail')] : [];
};

/** Step 3: a unit price off by a power of ten that would give exactly the stated service total. */
const misplacedDecimalPoint: CorrectionStep = ({ unitPrice: stated, serviceTotal }, _bid, basePopulation) => {
  if (stated === null || basePopulation === null) return [];
  if (!differs(serviceTotalOf(stated, basePopulation), serviceTotal)) return [];
  const shifted = DECIMAL_SHIFTS.map((k) => new D(stated).times(new D(10).pow(k)).toFixed()).find(
    (unitPrice) => !differs(serviceTotalOf(unitPrice, basePopulation), serviceTotal),
  );
  return shifted === undefined ? [] : [correction(3, 'unitPrice', stated, shifted, 'misplacedDecimalPoint')];
};

/** Step 4a: otherwise the unit price prevails and the service total is recomputed from it. */
const unitPricePrevails: CorrectionStep = (figures, _bid, basePopulation) => {
  if (figures.unitPrice === null || basePopulation === null) return [];
  const computed = serviceTotalOf(figures.unitPrice, basePopulation);
  return differs(computed, figures.serviceTotal)
    ? [correction(4, 'serviceTotal', figures.serviceTotal, computed, 'unitPricePrevails')]
    : [];
};

/** Step 4b: the total is the service total plus the fixed components the bid states. */
const totalFromParts: CorrectionStep = (figures, bid) => {
  const computed = fen(bid.fixedComponents.reduce((sum, component) => sum.plus(component.amount), new D(figures.serviceTotal)));
  return differs(computed, figures.total) ? [correction(4, 'total', figures.total, computed, 'totalFromParts')] : [];
};

const CORRECTION_STEPS: CorrectionStep[] = [
  openingSheetPrevails,
  capitalsPrevail,
  misplacedDecimalPoint,
  unitPricePrevails,
  totalFromParts,
];

/** T = U × population, rounded half-up to the 分 as the tender prescribes. */
function serviceTotalOf(unitPrice: string, basePopulation: number): string {
  return fen(new D(unitPrice).times(basePopulation));
}

/** Figures are compared by value: "4634159.4" and "4634159.40" are the same amount (the same text needs no decimal.js). */
function differs(a: string, b: string): boolean {
  return a !== b && !new D(a).eq(b);
}

function correction(step: Correction['step'], field: PriceField, from: string, to: string, reason: CorrectionReason): Correction {
  return { step, field, from, to, reason: CORRECTION_REASONS[reason] };
}
