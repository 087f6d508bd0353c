import { createHash } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { insertRows } from '../database/bulk-rows';
import type { DossierBid, DossierBidder } from '../domain/dossier/dossier.types';
import { decimalText, optional, trimZeros } from '../domain/dossier/dossier-values';
import { Organization } from '../users/organization.entity';
import type { Bid } from './bid.entity';
import type { Bidder } from './bidder.entity';

/** Bidder and bid rows ↔ their parts of the dossier (the archive composes the whole). */

export function bidderColumns(b: DossierBidder) {
  return {
    code: b.code,
    name: b.name,
    sme: b.sme,
    legalRepresentative: b.legalRepresentative ?? null,
    parentCode: b.parentCode ?? null,
    groupCode: b.groupCode ?? null,
    contactPerson: b.contactPerson ?? null,
    // format 2
    members: b.members ?? null,
    collusionFound: b.collusionFound ?? null,
    collusionNote: b.collusionNote ?? null,
  } satisfies Partial<Bidder>;
}

/** A bid's own columns; its tender, lot and bidder are the caller's to resolve. */
export function bidColumns(b: DossierBid) {
  return {
    unitPrice: b.unitPrice ?? null,
    serviceTotal: b.serviceTotal ?? null,
    fixedComponents: b.fixedComponents,
    total: b.total ?? null,
    totalCapitals: b.totalCapitals ?? null,
    itemised: b.itemised ?? null,
    submittedFromIp: b.submittedFromIp ?? null,
    qualification: b.qualification ?? [],
    compliance: b.compliance ?? [],
    priceCorrectionAccepted: b.priceCorrectionAccepted ?? null,
    abnormalLowRejected: b.abnormalLowRejected ?? null,
    facts: b.facts ?? {},
    // format 2
    rate: b.rate == null ? null : decimalText(b.rate),
    deficitShare: b.deficitShare == null ? null : decimalText(b.deficitShare),
    abnormalLowNote: b.abnormalLowNote ?? null,
    repeatedFailureDecision: b.repeatedFailureDecision ?? null,
    repeatedFailureNote: b.repeatedFailureNote ?? null,
  } satisfies Partial<Bid>;
}

export function dossierBidder(b: Bidder): DossierBidder {
  return {
    code: b.code,
    name: b.name,
    sme: b.sme,
    legalRepresentative: b.legalRepresentative,
    parentCode: b.parentCode,
    groupCode: b.groupCode,
    contactPerson: b.contactPerson,
    // format 2
    members: optional(b.members),
    collusionFound: optional(b.collusionFound),
    collusionNote: optional(b.collusionNote),
  };
}

/** A bid row as the dossier's bid, given its bidder's code and its lot's number. */
export function dossierBid(b: Bid, bidder: string, lot: string): DossierBid {
  return {
    bidder,
    lot,
    unitPrice: optional(b.unitPrice),
    serviceTotal: optional(b.serviceTotal),
    fixedComponents: b.fixedComponents,
    total: optional(b.total),
    totalCapitals: optional(b.totalCapitals),
    itemised: optional(b.itemised),
    submittedFromIp: optional(b.submittedFromIp),
    qualification: b.qualification,
    compliance: b.compliance,
    priceCorrectionAccepted: optional(b.priceCorrectionAccepted),
    abnormalLowRejected: optional(b.abnormalLowRejected),
    facts: b.facts,
    // format 2: a rate-priced bid's rate and deficit share, the panel's below-cost note
    rate: b.rate == null ? undefined : trimZeros(b.rate),
    deficitShare: b.deficitShare == null ? undefined : trimZeros(b.deficitShare),
    abnormalLowNote: optional(b.abnormalLowNote),
    repeatedFailureDecision: optional(b.repeatedFailureDecision),
    repeatedFailureNote: optional(b.repeatedFailureNote),
  };
}

/** A bidder as the API shows it: the dossier's fields, its id and its organisation. */
export const bidderView = (b: Bidder) => ({ id: b.id, ...dossierBidder(b), organizationId: b.organizationId });

/**
 * The organisation whose insurer users see a bidder's bids: the one with the bidder's full name,
 * or a new one (the bidder code when free, else tender code + bidder code).
 */
export async function insurerOrganization(m: EntityManager, tenderCode: string, code: string, name: string): Promise<Organization> {
  return (await insurerOrganizations(m, tenderCode, [{ code, name }])).get(name)!;
}

/** insurerOrganization for many bidders at once, by name: a few queries however many bidders there are. */
export async function insurerOrganizations(
  m: EntityManager,
  tenderCode: string,
  bidders: Pick<DossierBidder, 'code' | 'name'>[],
): Promise<Map<string, Organization>> {
  const names = [...new Set(bidders.map((b) => b.name))];
  const byName = async () => new Map((await inChunks(names, (some) => m.findBy(Organization, { name: In(some) }))).map((o) => [o.name, o]));
  const existing = await byName();
  const seen = new Set<string>();
  const missing = bidders.filter((b) => !existing.has(b.name) && !seen.has(b.name) && seen.add(b.name));
  if (missing.length === 0) return existing;
  const taken = new Set(
    (
      await inChunks(
        missing.map((b) => b.code),
        (some) => m.findBy(Organization, { code: In(some) }),
      )
    ).map((o) => o.code),
  );
  await insertRows(
    m,
    Organization,
    missing.map((b) => ({ code: taken.has(b.code) ? qualifiedCode(tenderCode, b.code) : b.code, name: b.name, kind: 'insurer' as const })),
  );
  return byName();
}

/** A query over `IN (…)` lists of at most 500 values each, the results together. */
async function inChunks<V, R>(values: V[], query: (some: V[]) => Promise<R[]>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < values.length; i += 500) results.push(...(await query(values.slice(i, i + 500))));
  return results;
}

/** Tender code + bidder code, shortened with a digest of both where that exceeds the column's 64 characters. */
function qualifiedCode(tenderCode: string, code: string): string {
  const full = `${tenderCode}-${code}`;
  if ([...full].length <= 64) return full;
  return `${[...full].slice(0, 47).join('')}-${createHash('sha256').update(full).digest('hex').slice(0, 16)}`;
}
