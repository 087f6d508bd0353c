/**
 * Chinese capital numerals for money (大写金额), used to prefill the capitals field of a bid.
 * The backend's formatter is the canonical one; this follows the same rules (People's Bank of China
 * rules for payment documents, as the tender dossiers write them):
 * every non-zero digit carries its place; zeros between digits are one 零, except at the 仟 of a group
 * that follows a written 万/亿 (叁佰万陆仟零柒拾叁); a skipped whole group between written digits is
 * marked with 零 (壹亿零壹仟); 整 only when there are no 角 and no 分; nothing after 角; 零 stands in
 * for a missing 角 before 分; below one 元 no 元 part; zero is 零元整.
 */

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const PLACES = ['仟', '佰', '拾', ''];
const GROUP_MARKS = ['亿', '万', ''];

/**
 * Capitals of a non-negative amount with at most two decimals, up to 999,999,999,999.99 元;
 * null when the text is not such an amount.
 */
export function formatCapitals(amount: string): string | null {
  const text = amount.trim().replace(/,/g, '');
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const yuan = match[1].replace(/^0+(?=\d)/, '');
  if (yuan.length > 12) return null;
  const [jiao, fen] = (match[2] ?? '').padEnd(2, '0');
  if (yuan === '0' && jiao === '0' && fen === '0') return '零元整';

  const yuanText = yuan === '0' ? '' : yuanCapitals(yuan) + '元';
  if (jiao === '0' && fen === '0') return yuanText + '整';
  const jiaoText = jiao === '0' ? (yuanText ? '零' : '') : DIGITS[+jiao] + '角';
  return yuanText + jiaoText + (fen === '0' ? '' : DIGITS[+fen] + '分');
}

function yuanCapitals(yuan: string): string {
  const groups = yuan.padStart(12, '0').match(/\d{4}/g) ?? [];
  let text = '';
  let skipped = false;
  groups.forEach((group, index) => {
    if (group === '0000') {
      skipped = text !== '';
      return;
    }
    let zeros = text !== '' && (skipped || group.startsWith('0'));
    let groupText = '';
    [...group].forEach((digit, place) => {
      if (digit === '0') {
        zeros ||= groupText !== '';
        return;
      }
      groupText += (zeros ? '零' : '') + DIGITS[+digit] + PLACES[place];
      zeros = false;
    });
    text += groupText + GROUP_MARKS[index];
    skipped = false;
  });
  return text;
}
