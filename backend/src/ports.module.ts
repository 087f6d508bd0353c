import { Global, Module } from '@nestjs/common';
import { AssessmentRepeatedFailures, AssessmentSchemeTerms, ContractYearAssessments } from './assessments/assessment-ports';
import { BidsOfTenders } from './bids/bids-of-tenders';
import { BidUnsealing } from './bids/bid-unsealing';
import { TenderKeys } from './bids/tender-keys';
import { OpeningLinesOfTenders } from './bids/opening-lines';
import { RepeatedFailureSource } from './bids/repeated-failures';
import { AssessmentTerms } from './contracts/assessment-terms';
import { YearAssessments } from './contracts/year-assessment';
import { ContractsOfLots } from './contracts/contracts-of-lots';
import { DossierStore } from './dossiers/dossier-store';
import { LotContracts } from './evaluation/lot-contracts';
import { PanelSeatsOfTenders } from './panel/panel-seats';
import { DossierSource } from './tenders/dossier-source';
import { OpeningLines, PanelSeats, TenderBids } from './tenders/tender-participants';

/**
 * Where a later stage feeds an earlier one, the earlier stage owns an interface (a port) and the later
 * one provides it: the application binds each port to its provider here, once, for every module.
 */
@Global()
@Module({
  providers: [
    { provide: DossierSource, useClass: DossierStore },
    { provide: TenderBids, useClass: BidsOfTenders },
    OpeningLinesOfTenders,
    { provide: OpeningLines, useExisting: OpeningLinesOfTenders },
    { provide: PanelSeats, useClass: PanelSeatsOfTenders },
    { provide: RepeatedFailureSource, useClass: AssessmentRepeatedFailures },
    { provide: AssessmentTerms, useClass: AssessmentSchemeTerms },
    { provide: YearAssessments, useClass: ContractYearAssessments },
    { provide: LotContracts, useClass: ContractsOfLots },
    TenderKeys,
    BidUnsealing,
  ],
  exports: [
    DossierSource,
    TenderBids,
    OpeningLines,
    // bids adds a paper bid's line as the clerk enters it, beyond what tenders asks of the port
    OpeningLinesOfTenders,
    PanelSeats,
    RepeatedFailureSource,
    AssessmentTerms,
    YearAssessments,
    LotContracts,
    TenderKeys,
  ],
})
export class PortsModule {}
