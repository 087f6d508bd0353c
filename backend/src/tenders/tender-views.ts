import { Lot } from './lot.entity';
import { ScoringScheme } from './scheme.entity';
import { dossierLot, dossierScheme, dossierTender } from './tender-dossier';
import { Tender } from './tender.entity';

/** What the API shows of a tender and its parts: the dossier's fields (same names and forms), plus ids and state. */

export const tenderView = (t: Tender) => ({
  id: t.id,
  ...dossierTender(t),
  buyerOrganizationId: t.buyerOrganizationId,
  publishScores: t.publishScores,
  bidSubmission: t.bidSubmission,
  status: t.status,
  version: t.version,
});

export const lotView = (l: Lot, bidCount: number) => ({
  id: l.id,
  ...dossierLot(l),
  status: l.status,
  statusReason: l.statusReason,
  version: l.version,
  bidCount,
});

export const schemeView = (s: ScoringScheme) => ({ id: s.id, ...dossierScheme(s) });

export const tenderSummary = (t: Tender, lotCount: number, bidCount: number) => ({
  id: t.id,
  code: t.code,
  name: t.name,
  purchaser: t.purchaser,
  agency: t.agency,
  status: t.status,
  bidDeadline: t.bidDeadline,
  openingTime: t.openingTime,
  awardRule: t.awardRule,
  lotCount,
  bidCount,
});
