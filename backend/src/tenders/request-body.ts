import { ApiProperty } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, IsInt, Min, validateSync } from 'class-validator';
import { fieldErrors, FieldError, invalidInput } from '../common/errors';

/**
 * The bodies of the endpoints that build a tender are parts of a dossier (its tender, a lot, a scheme,
 * a bidder, a bid) and are checked by the dossier's own validators (`validatePart`), so the API and an
 * import accept exactly the same data with the same messages. What only the API has — the version of
 * an optimistic lock, a bidder's organisation — is a class-validator DTO. As the global ValidationPipe
 * does for DTOs, a field an endpoint does not take is refused: a misspelt field would otherwise be
 * dropped without a word.
 */

/** The dossier's `tender` fields (DOSSIER.md), as POST /api/tenders takes them. */
export const TENDER_FIELDS = [
  'code',
  'name',
  'purchaser',
  'agency',
  'bidDeadline',
  'openingTime',
  'bidValidityDays',
  'contractYears',
  'firstContractYear',
  'minQualifiedBidders',
  'priceWeight',
  'priceBasis',
  'smeDeduction',
  'abnormalLowRatio',
  'outlierRatio',
  'trimExtremes',
  'scoreDecimals',
  'awardRule',
  'tieBreakers',
  'oneBranchPerGroup',
] as const;
export const LOT_FIELDS = [
  'no',
  'name',
  'regions',
  'basePopulation',
  'maxUnitPrice',
  'maxBudget',
  'fixedComponents',
  'evaluationOrder',
  'scheme',
  'rewardBudget',
  'minStaff',
] as const;
export const SCHEME_FIELDS = ['code', 'name', 'criteria'] as const;
export const BIDDER_FIELDS = ['code', 'name', 'sme', 'legalRepresentative', 'parentCode', 'groupCode', 'contactPerson'] as const;
export const BID_FIELDS = [
  'lot',
  'bidder',
  'unitPrice',
  'serviceTotal',
  'fixedComponents',
  'total',
  'totalCapitals',
  'submittedFromIp',
  'itemised',
] as const;
/** What the review adds to a bid after opening. */
export const BID_REVIEW_FIELDS = ['qualification', 'compliance', 'priceCorrectionAccepted', 'abnormalLowRejected', 'facts'] as const;

export class VersionDto {
  @ApiProperty({ description: 'the version last read; a stale one is refused with 409' })
  @IsInt({ message: 'version 须为整数（读取时的版本号）/ version must be the integer version last read' })
  @Min(1, { message: 'version 须为整数（读取时的版本号）/ version must be the integer version last read' })
  version: number;
}

/** How OpenAPI describes a body that is a dossier part: the format is DOSSIER.md's. */
export const dossierPartBody = (description: string) => ({ description, schema: { type: 'object' } });

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** As the dossier's checks say it, so that a body reported by both is reported once. */
const NOT_AN_OBJECT = 'must be an object / 必须是对象';

/**
 * What is wrong with a body beyond its dossier part: not an object at all, fields that are neither
 * part of it nor of the API's own DTO, and the DTO's own checks.
 */
export function bodyErrors(body: unknown, partFields: readonly string[], own?: new () => object): FieldError[] {
  if (!isObject(body)) return [{ path: '$', message: NOT_AN_OBJECT }];
  const ownFields = own
    ? getMetadataStorage()
        .getTargetValidationMetadatas(own, '', false, false)
        .map((m) => m.propertyName)
    : [];
  const unknown = Object.keys(body)
    .filter((key) => !partFields.includes(key) && !ownFields.includes(key))
    .map((path) => ({ path, message: '不接受此字段 / unknown field' }));
  const dto = own ? fieldErrors(validateSync(plainToInstance(own, body))) : [];
  return [...unknown, ...dto];
}

/** Every problem at once, each once, in the one 400 shape. */
export function assertValid(...found: FieldError[][]): void {
  const errors = found.flat().filter((e, i, all) => all.findIndex((f) => f.path === e.path && f.message === e.message) === i);
  if (errors.length > 0) throw invalidInput(errors);
}
