import type { ExportFile } from '../common/download';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { readsOrganization, seesUnpublishedResults } from '../domain/access-policy';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/decorators';
import { fieldError, invalidInput } from '../common/errors';
import { ASSESSMENT, can } from '../domain/lifecycles';
import { DocumentOwner, DocumentsService, StoredDocument } from '../documents/documents.service';
import { Organization } from '../users/organization.entity';
import { organizationHistory } from './assessment-history';
import { AssessmentObjection } from './assessment-objection.entity';
import { assessmentReport } from './assessment-report';
import { FULL_RELATIONS, FullAssessment } from './assessment-views';
import { historyWorkbook, itemTemplate, readItemTemplate, resultsWorkbook, XLSX_TYPE } from './assessment-workbook';
import { AssessmentWorkflowService } from './assessment-workflow.service';
import { AssessmentsService } from './assessments.service';
import { ContractAssessment } from './contract-assessment.entity';
import type { CheckedFile } from '../common/uploads/file-upload';
import { scoreItems } from './item-scores';
import { contractsReached } from '../contracts/contract-scope';

const reportOwner = (id: number): DocumentOwner => ({ ownerType: 'assessment', ownerId: id, kind: 'assessment-report' });
const fileTag = (a: FullAssessment) => `${a.contract.tender.code}-${a.contract.lotNo}-${a.contract.year}`;

/** What leaves the system about assessments: the Excel template and its import, result and history workbooks, the report PDF. */
@Injectable()
export class AssessmentExportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly assessments: AssessmentsService,
    private readonly workflow: AssessmentWorkflowService,
    private readonly documents: DocumentsService,
  ) {}

  async template(user: AuthUser, id: number): Promise<ExportFile> {
    const a = await this.assessments.visible(user, id);
    const lotName = (await this.assessments.lotNames([a.contract]))(a.contract);
    return { file: await itemTemplate(a, lotName), fileName: `考核评分表-${fileTag(a)}.xlsx` };
  }

  /**
   * A filled-in template, all or nothing: every problem of every row is reported at once (`rows[n].…`,
   * n the row number in Excel), and the scores are recorded only when there is none.
   */
  async importItems(actor: AuthUser, id: number, upload: CheckedFile) {
    if (upload.mimeType !== XLSX_TYPE) throw invalidInput([fieldError('file', 'xlsxRequired')]);
    const a = await this.assessments.visible(actor, id);
    const read = await readItemTemplate(upload.content, id, a.scheme.kind);
    const at = (i: number) => `rows[${read.rows[i]}]`;
    const errors = [...read.errors, ...scoreItems(a.scheme, read.inputs, at).errors];
    if (errors.length) throw invalidInput(errors);
    return this.workflow.score(actor, id, read.inputs, undefined, at);
  }

  async results(user: AuthUser, year: number): Promise<ExportFile> {
    const found = (await this.dataSource.getRepository(ContractAssessment).find({
      where: { contract: { year, ...contractsReached(user) } },
      relations: FULL_RELATIONS,
      order: { id: 'ASC' },
    })) as FullAssessment[];
    const lotName = await this.assessments.lotNames(found.map((a) => a.contract));
    return {
      file: await resultsWorkbook(
        year,
        found.map((a) => ({ a, lotName: lotName(a.contract) })),
      ),
      fileName: `考核结果-${year}.xlsx`,
    };
  }

  /**
   * An organisation's history: an insurer only its own (another's is not found); a bureau official any
   * insurer's, of the contracts its buyer organisation bought (contractsReached).
   */
  async history(user: AuthUser, organizationId: number) {
    const organization = await this.dataSource.getRepository(Organization).findOneBy({ id: organizationId });
    if (!organization || !readsOrganization(user, organizationId)) throw new NotFoundException('机构不存在 / organisation not found');
    const { id, code, name } = organization;
    return {
      organization: { id, code, name },
      ...(await organizationHistory(this.dataSource.manager, organizationId, contractsReached(user))),
    };
  }

  async historyWorkbook(user: AuthUser, organizationId: number): Promise<ExportFile> {
    const { organization, entries, repeatedFailures } = await this.history(user, organizationId);
    return {
      file: await historyWorkbook(organization.name, entries, repeatedFailures?.failedYears ?? null),
      fileName: `历年考核结果-${organization.code}.xlsx`,
    };
  }

  /**
   * Prints the report in the background (see DocumentsService.startGeneration) if the assessment changed
   * since the stored version: asking again for an unchanged assessment prints nothing.
   */
  async requestReport(actor: AuthUser, id: number): Promise<void> {
    const a = await this.printable(actor, id);
    if (!(await this.current(a))) await this.documents.startGeneration(reportOwner(id), () => this.print(actor, a));
  }

  /**
   * The report as the insurer receives it: the stored version if it shows the assessment as it now is;
   * otherwise null while a new one is printed in the background (started here) — so a download after
   * an answer or the final result is never stale.
   */
  async report(user: AuthUser, id: number): Promise<{ doc: StoredDocument; fileName: string } | null> {
    const a = await this.printable(user, id);
    if (await this.documents.generating(reportOwner(id))) return null;
    const current = await this.current(a);
    if (!current) {
      await this.documents.startGeneration(reportOwner(id), () => this.print(user, a));
      return null;
    }
    return { doc: current, fileName: `考核报告-${fileTag(a)}-v${current.version}.pdf` };
  }

  /** The stored report if it shows the assessment's current revision. */
  private async current(a: FullAssessment): Promise<StoredDocument | null> {
    return a.reportRevision === a.revision ? this.documents.find(reportOwner(a.id)) : null;
  }

  /** A published or final assessment the user may see; before publication there is no report (for an insurer: nothing to find). */
  private async printable(user: AuthUser, id: number): Promise<FullAssessment> {
    const a = await this.assessments.visible(user, id);
    if (can(ASSESSMENT, a.status, 'show-result')) return a;
    if (!seesUnpublishedResults(user)) throw new NotFoundException('考核报告不存在 / assessment report not found');
    throw new ConflictException('考核结果公布后方可生成报告 / the report is printed once the result is published');
  }

  /**
   * Prints the report of the revision `a` was read at, unless that revision is printed already or the
   * assessment changed since: so each change is printed at most once, however many requests and
   * servers ask. The check is race-free because one print of a report runs at a time on all servers
   * (DocumentsService.startGeneration, print_runs), and a print marks its revision before its run ends.
   */
  private async print(actor: AuthUser, a: FullAssessment): Promise<void> {
    const now = await this.dataSource
      .getRepository(ContractAssessment)
      .findOne({ where: { id: a.id }, select: { id: true, revision: true, reportRevision: true } });
    if (now?.revision !== a.revision || now.reportRevision === a.revision) return;
    const [lotName, objections] = await Promise.all([
      this.assessments.lotNames([a.contract]).then((name) => name(a.contract)),
      this.dataSource.getRepository(AssessmentObjection).find({ where: { assessmentId: a.id }, order: { id: 'ASC' } }),
    ]);
    await this.documents.generate(actor, reportOwner(a.id), 'assessment-report', assessmentReport(a, lotName, objections));
    // Only if nothing changed while printing does this version show the current revision.
    await this.dataSource.getRepository(ContractAssessment).update({ id: a.id, revision: a.revision }, { reportRevision: a.revision });
  }
}
