import { MigrationInterface, QueryRunner } from 'typeorm';
import { fieldError, renderError, type FieldError } from '../../domain/errors';
import { updateRows } from '../migration-helpers';

/**
 * The assessment rules noted what the bureau must fix in English text; they now note codes of the error
 * catalogue at their fields, which screens and documents say in Chinese. The stored results — of the
 * contracts' assessments, and the assessments in confirmed awards (current and set aside) — take each
 * old note's code; down writes the notes back as English text.
 */
const NOTES: [RegExp, (m: RegExpMatchArray) => FieldError][] = [
  [/^item (.+): not in scheme .+$/, (m) => fieldError(`items[${m[1]}].no`, 'noSuchItem', { no: m[1] })],
  [/^item (.+): (points|deduction) is not a number$/, (m) => fieldError(`items[${m[1]}].${m[2]}`, 'number')],
  [/^item (.+): recorded more than once$/, (m) => fieldError(`items[${m[1]}].no`, 'itemTwice', { no: m[1] })],
  [
    /^item (.+): points (\S+) outside 0\.\.(\S+)$/,
    (m) => fieldError(`items[${m[1]}].points`, 'itemPointsRange', { no: m[1], value: m[2], max: m[3] }),
  ],
  [
    /^item (.+): deduction (\S+) is negative \(counted as 0\)$/,
    (m) => fieldError(`items[${m[1]}].deduction`, 'negativeDeduction', { no: m[1], value: m[2] }),
  ],
  [
    /^assessment names scheme (.+), evaluated with (.+)$/,
    (m) => fieldError('scheme', 'assessmentSchemeNamed', { scheme: m[1], used: m[2] }),
  ],
  [/^operatingCost is missing/, () => fieldError('operatingCost', 'operatingCostMissing')],
  [/^score (\S+) is below every grade band$/, (m) => fieldError('scheme.bands', 'belowGradeBands', { score: m[1] })],
  [/^no maximum reward/, () => fieldError('maxReward', 'noMaxReward')],
];

/** An old note as the code that now says it (a note of no known form: invalid, at the whole result). */
export function noteCode(note: string): FieldError {
  for (const [form, code] of NOTES) {
    const m = note.match(form);
    if (m) return code(m);
  }
  return fieldError('$', 'invalid');
}

type Note = string | FieldError;
type WithNotes = { errors?: Note[] } | null;

const up = (notes: Note[]): Note[] => notes.map((n) => (typeof n === 'string' ? noteCode(n) : n));
const down = (notes: Note[]): Note[] => notes.map((n) => (typeof n === 'string' ? n : renderError(n.code, n.params, 'en')));

/** Each row's JSON column rewritten where `convert` changes a note. */
async function rewrite(
  q: QueryRunner,
  table: string,
  column: string,
  notesOf: (value: never) => WithNotes[],
  convert: (notes: Note[]) => Note[],
): Promise<void> {
  const e = (name: string) => q.connection.driver.escape(name);
  const rows: { id: number; value: string | null }[] = await q.query(`SELECT ${e('id')} AS id, ${e(column)} AS value FROM ${e(table)}`);
  for (const row of rows) {
    if (row.value == null) continue;
    const value = JSON.parse(row.value);
    let changed = false;
    for (const holder of notesOf(value as never)) {
      if (!holder?.errors?.length) continue;
      const before = JSON.stringify(holder.errors);
      holder.errors = convert(holder.errors);
      changed ||= JSON.stringify(holder.errors) !== before;
    }
    if (changed) await updateRows(q, table, { id: row.id }, { [column]: JSON.stringify(value) });
  }
}

const resultOf = (result: WithNotes) => [result];
const awardAssessments = (results: { assessments?: WithNotes[] } | null) => results?.assessments ?? [];

async function convertAll(q: QueryRunner, convert: (notes: Note[]) => Note[]): Promise<void> {
  await rewrite(q, 'contract_assessments', 'result', resultOf, convert);
  await rewrite(q, 'awards', 'results', awardAssessments, convert);
  await rewrite(q, 'award_history', 'results', awardAssessments, convert);
}

export class AssessmentNoteCodes1766000000000 implements MigrationInterface {
  name = 'AssessmentNoteCodes1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await convertAll(q, up);
  }

  async down(q: QueryRunner): Promise<void> {
    await convertAll(q, down);
  }
}
