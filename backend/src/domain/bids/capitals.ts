import { D, Dec } from '../decimal';
import { CAPITALS_REASONS, type CapitalsReason } from '../errors';

/**
 * Chinese capital numerals for money (大写金额), as bid letters, opening sheets and contracts write
 * them. Capitals exist to make an amount hard to alter, so the written form follows the People's Bank
 * of China rules for filling in payment documents (《正确填写票据和结算凭证的基本规定》):
 *
 * - every non-zero digit carries its place (壹拾, never a bare 拾, so nothing can be prefixed);
 * - zeros between digits are written as one 零 — except at the 仟 of a group that follows a written
 *   万/亿, where the group mark already separates (叁佰万陆仟零柒拾叁 for 3,006,073);
 *   a whole group of zeros between written digits is still marked (壹亿零壹仟 for 100,001,000) so
 *   that it cannot be read as 1.1 亿 (the PBOC rules leave that 零 optional; parsing accepts both);
 * - 元 is followed by 整 only when there are no 角 and no 分; nothing follows 角 (the tender
 *   dossiers write 伍佰肆拾叁万肆仟壹佰伍拾玖元肆角); with 分 but no 角 a 零 stands in for the 角
 *   (…元零伍分); below one 元 there is no 元 part (伍角, 伍分); zero is 零元整.
 *
 * Amounts go up to 9,999 亿 (999,999,999,999.99 元), which covers any bid or contract of the product.
 */

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const NONZERO_DIGIT = '[壹贰叁肆伍陆柒捌玖]';
/** Places inside a group of four digits, by power of ten. */
const PLACES = ['', '拾', '佰', '仟'];
/** Group marks for the three groups of four digits, most significant first. */
const GROUP_MARKS = ['亿', '万', ''];
const MAX_AMOUNT = new D('999999999999.99');

/**
 * Values used when reading capitals back: places multiply the digit before them into the group,
 * group marks (and 元) close a group, 角 and 分 are fractions of a 元.
 */
const PLACE_VALUE: Record<string, bigint> = { 拾: 10n, 佰: 100n, 仟: 1000n };
const GROUP_VALUE: Record<string, bigint> = { 亿: 100000000n, 万: 10000n, 元: 1n };
/** In 分, as the whole reading is: integers, exact, and no decimal.js per character. */
const FRACTION_VALUE: Record<string, bigint> = { 角: 10n, 分: 1n };
const MAX_FEN = 99999999999999n;

const ZERO = '零元整';

/** Write a non-negative amount (at most two decimals, at most 999,999,999,999.99) in capitals. */
export function formatCapitals(amount: string | Dec): string {
  const [yuan, fraction] = (typeof amount === 'string' && TWO_PLACES.test(amount) ? amount : checkedAmount(amount).toFixed(2)).split('.');
  if (yuan === '0' && fraction === '00') return ZERO;
  const yuanText = yuan === '0' ? '' : yuanCapitals(yuan) + '元';
  return yuanText + fractionCapitals(fraction[0], fraction[1], yuanText !== '');
}

/**
 * Read capitals back into a two-decimal amount string. Accepts the canonical form written by
 * `formatCapitals` and the variants the PBOC rules allow or people commonly write: 圆 for 元, 正 for
 * 整, a leading 人民币, 整 after 角 (壹拾元伍角整), and the optional 零 before a 仟 after 万/亿 and
 * before 角 after 元 (壹拾万零柒仟元, 壹仟陆佰捌拾元零叁角贰分). Anything else is rejected, because a
 * loosely read amount in a bid could change which figure prevails in price correction.
 */
export function parseCapitals(text: string): string {
  const written = normaliseSpelling(text);
  const figures = readPositionally(written, text);
  const canonical = formatCapitals(figures);
  if (canonical !== written && dropOptionalZeros(canonical) !== dropOptionalZeros(written)) {
    throw new CapitalsError(text, 'readByPlace', { figures, canonical });
  }
  return figures;
}

/** An amount already in range and written with two decimals, which formatCapitals takes without decimal.js. */
const TWO_PLACES = /^(?:0|[1-9]\d{0,11})\.\d\d$/;

function checkedAmount(amount: string | Dec): Dec {
  if (typeof amount === 'string' && !/^\d+(\.\d+)?$/.test(amount)) {
    throw new Error(`not a plain decimal amount / 不是金额数字: "${amount}"`);
  }
  const value = new D(amount);
  // A capitals text has no place below the 分, so rounding silently here would hide an error upstream.
  if (!value.isFinite() || value.isNegative() || value.decimalPlaces() > 2 || value.gt(MAX_AMOUNT)) {
    throw new Error(
      'amount must be 0 to 999999999999.99 with at most two decimals / ' +
        `金额须在0至999999999999.99之间且最多两位小数: ${value.toString()}`,
    );
  }
  return value;
}

/** The 元 part: up to three groups of four digits (亿, 万, units). */
function yuanCapitals(yuan: string): string {
  const groups = yuan.padStart(12, '0').match(/\d{4}/g)!;
  let text = '';
  let skippedGroup = false;
  groups.forEach((group, index) => {
    if (group === '0000') {
      skippedGroup = text !== '';
      return;
    }
    // The mark of the group before separates the groups, so only zeros that reach below this
    // group's 仟 (or a whole skipped group) need a 零.
    const zerosBefore = text !== '' && (skippedGroup || group.startsWith('0'));
    text += groupCapitals(group, zerosBefore) + GROUP_MARKS[index];
    skippedGroup = false;
  });
  return text;
}

/** One group of four digits; `zerosBefore` says whether zeros before it need a 零. */
function groupCapitals(group: string, zerosBefore: boolean): string {
  let text = '';
  let zerosPending = zerosBefore;
  [...group].forEach((digit, index) => {
    if (digit === '0') {
      zerosPending ||= text !== '';
      return;
    }
    text += (zerosPending ? '零' : '') + DIGITS[Number(digit)] + PLACES[3 - index];
    zerosPending = false;
  });
  return text;
}

function fractionCapitals(jiao: string, fen: string, hasYuan: boolean): string {
  if (jiao === '0' && fen === '0') return '整';
  const jiaoText = jiao === '0' ? (hasYuan ? '零' : '') : DIGITS[Number(jiao)] + '角';
  return jiaoText + (fen === '0' ? '' : DIGITS[Number(fen)] + '分');
}

/** Bring the tolerated spellings to the canonical characters before reading. */
function normaliseSpelling(text: string): string {
  return text
    .trim()
    .replace(/^人民币\s*/, '')
    .replace(/圆/g, '元')
    .replace(/正/g, '整')
    .replace(/角整$/, '角');
}

/** The 零s the PBOC rules let the writer omit; compared without them, both spellings are equal. */
const OPTIONAL_ZERO = new RegExp(`([万亿元])零(?=${NONZERO_DIGIT}[仟角])`, 'g');
function dropOptionalZeros(text: string): string {
  return text.replace(OPTIONAL_ZERO, '$1');
}

/**
 * Read the value by place alone, as a two-decimal amount (every digit but the last of the 元 part names its place). This
 * reading is lenient on purpose: the comparison with the canonical spelling in `parseCapitals` is what
 * rejects misplaced, repeated or missing characters.
 */
function readPositionally(written: string, original: string): string {
  const reading = { total: 0n, group: 0n, digit: null as number | null };
  const digitBefore = (mark: string): number => {
    if (reading.digit === null) throw new CapitalsError(original, 'noDigitBefore', { mark });
    const digit = reading.digit;
    reading.digit = null;
    return digit;
  };
  for (const char of written) {
    if (DIGITS.indexOf(char) > 0) {
      if (reading.digit !== null) throw new CapitalsError(original, 'twoDigits');
      reading.digit = DIGITS.indexOf(char);
    } else if (char in PLACE_VALUE) {
      reading.group += BigInt(digitBefore(char)) * PLACE_VALUE[char];
    } else if (char in FRACTION_VALUE) {
      reading.total += BigInt(digitBefore(char)) * FRACTION_VALUE[char];
    } else if (char in GROUP_VALUE) {
      reading.total += (reading.group + BigInt(reading.digit ?? 0)) * GROUP_VALUE[char] * 100n;
      reading.group = 0n;
      reading.digit = null;
    } else if (char !== '零' && char !== '整') {
      throw new CapitalsError(original, 'unexpectedCharacter', { character: char });
    }
  }
  if (reading.digit !== null || reading.group !== 0n) {
    throw new CapitalsError(original, 'missingUnit');
  }
  if (reading.total > MAX_FEN) throw new CapitalsError(original, 'tooLarge');
  return `${reading.total / 100n}.${String(reading.total % 100n).padStart(2, '0')}`;
}

/** Capitals that do not read as an amount, with the reason as a code of the error catalogue. */
export class CapitalsError extends Error {
  readonly params: { text: string; reason: CapitalsReason } & Record<string, string>;

  constructor(text: string, reason: CapitalsReason, details: Record<string, string> = {}) {
    const params = { ...details, text, reason };
    const why = CAPITALS_REASONS[reason] as { en: (p: object) => string; zh: (p: object) => string };
    super(`not valid Chinese capital numerals / 大写金额无效: "${text}" (${why.en(params)} / ${why.zh(params)})`);
    this.params = params;
  }
}
