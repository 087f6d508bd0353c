import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { fieldError, invalidInput } from '../common/errors';
import { AssessmentScheme } from './assessment-scheme.entity';
import { schemeView } from './assessment-views';

@Injectable()
export class AssessmentSchemesService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The schemes a bureau chooses from: the global ones and, for a tender, that tender's own (imported
   * with its dossier), which take the place of a global scheme with the same code.
   */
  async list(tenderId?: number) {
    const repo = this.dataSource.getRepository(AssessmentScheme);
    const own = tenderId === undefined ? [] : await repo.find({ where: { tenderId }, order: { code: 'ASC' } });
    const global = await repo.find({ where: { tenderId: IsNull() }, order: { code: 'ASC' } });
    return [...own, ...global.filter((g) => !own.some((s) => s.code === g.code))].map(schemeView);
  }

  /**
   * The scheme a contract of the tender is assessed with: the tender's own of that code, or else a copy
   * of the global one made now and kept with the tender, so that the result stays what it was if the
   * global scheme is edited later, and the tender's dossier export carries the scheme its results need.
   */
  async forTender(m: EntityManager, tenderId: number, code: string): Promise<AssessmentScheme> {
    const own = await m.findOneBy(AssessmentScheme, { tenderId, code });
    if (own) return own;
    const global = await m.findOneBy(AssessmentScheme, { tenderId: IsNull(), code });
    if (!global) {
      const known = (await this.list(tenderId)).map((s) => s.code);
      throw invalidInput([fieldError('schemeCode', 'notOneOfKnown', { what: 'assessmentScheme', known })]);
    }
    const { id: _, globalCode: __, ...copy } = global;
    return m.save(m.create(AssessmentScheme, { ...copy, tenderId, globalCode: null }));
  }
}
