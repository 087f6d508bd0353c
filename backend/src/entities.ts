import type { EntityList } from './database/data-source';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { JobRun } from './database/job-run.entity';
import { ChangeStamp } from './database/change-stamp.entity';
import { AuditEntry } from './audit/audit-entry.entity';
import { AuditHead } from './audit/audit-head.entity';
import { SecurityEvent } from './audit/security-event.entity';
import { Organization } from './users/organization.entity';
import { User } from './users/user.entity';
import { WriteRate } from './auth/write-rate.entity';
import { documentEntity } from './documents/document.entity';
import { PrintRun } from './documents/print-run.entity';
import { HolidayDay } from './calendar/holiday-day.entity';
import { Tender } from './tenders/tender.entity';
import { Lot } from './tenders/lot.entity';
import { ScoringScheme } from './tenders/scheme.entity';
import { TenderClarification } from './tenders/clarification.entity';
import { TenderOpening } from './tenders/tender-opening.entity';
import { Bidder } from './bids/bidder.entity';
import { Bid } from './bids/bid.entity';
import { bidEnvelopeEntity } from './bids/bid-envelope.entity';
import { bidDocumentEntity } from './bids/bid-document.entity';
import { TenderSealKey } from './bids/tender-seal-key.entity';
import { PaperBidReceipt } from './bids/paper-receipt.entity';
import { OpeningLine } from './bids/opening-line.entity';
import { PanelMember } from './panel/panel-member.entity';
import { Score } from './panel/score.entity';
import { ScoreSheet } from './panel/score-sheet.entity';
import { OutlierDecision } from './panel/outlier-decision.entity';
import { Draw } from './evaluation/draw.entity';
import { awardEntity, awardHistoryEntity } from './evaluation/award.entity';
import { Challenge } from './evaluation/challenge.entity';
import { Contract } from './contracts/contract.entity';
import { PaymentMilestone } from './contracts/payment-milestone.entity';
import { TenderSchedule } from './contracts/tender-schedule.entity';
import { Acceptance, ServiceEvaluation } from './contracts/contract-events.entity';
import { ContractSettlement } from './contracts/settlement.entity';
import { AssessmentScheme } from './assessments/assessment-scheme.entity';
import { Assessment } from './assessments/assessment.entity';
import { ContractAssessment } from './assessments/contract-assessment.entity';
import { AssessmentObjection } from './assessments/assessment-objection.entity';
import { assessmentFileEntity } from './assessments/assessment-file.entity';
import { RewardBudget } from './assessments/reward-budget.entity';
import { DeadlineNotice } from './assessments/deadline-notice.entity';
import { periodicReportEntity } from './assessments/periodic-report.entity';
import { acceptanceDocumentEntity } from './contracts/acceptance-document.entity';
import { Notification } from './desk/notification.entity';
import { REVISION_PARTS } from './dossiers/dossier-store';

/**
 * Every entity of the application, base first, then the features in procurement order. The database
 * layer takes this list from the application, so that it knows no feature. Documents, assessment files
 * and awards are schemas built per database (a column's type differs): see document.entity.ts.
 */
export const ENTITIES: EntityList = (dbKind) => [
  JobRun,
  ChangeStamp,
  AuditEntry,
  AuditHead,
  SecurityEvent,
  Organization,
  User,
  WriteRate,
  documentEntity(dbKind),
  PrintRun,
  HolidayDay,
  Tender,
  Lot,
  ScoringScheme,
  TenderClarification,
  Bidder,
  Bid,
  bidEnvelopeEntity(dbKind),
  bidDocumentEntity(dbKind),
  TenderSealKey,
  PaperBidReceipt,
  TenderOpening,
  OpeningLine,
  PanelMember,
  Score,
  ScoreSheet,
  OutlierDecision,
  Draw,
  awardEntity(dbKind),
  awardHistoryEntity(dbKind),
  Challenge,
  Contract,
  PaymentMilestone,
  TenderSchedule,
  ServiceEvaluation,
  Acceptance,
  ContractSettlement,
  AssessmentScheme,
  Assessment,
  ContractAssessment,
  AssessmentObjection,
  assessmentFileEntity(dbKind),
  RewardBudget,
  DeadlineNotice,
  periodicReportEntity(dbKind),
  acceptanceDocumentEntity(dbKind),
  Notification,
];

/**
 * The tables whose reads a server reuses while the database's change stamp stands (database/change-stamp.ts,
 * common/fresh-read.ts StampedRead): the users' states every request is admitted by, and what GET results
 * reads of a tender — its row, its award, and the parts of its dossier its revision covers.
 */
export const CHANGE_STAMPED: EntityTarget<ObjectLiteral>[] = [User, Tender, 'Award', ...REVISION_PARTS];
