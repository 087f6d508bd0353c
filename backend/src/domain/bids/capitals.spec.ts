import * as fc from 'fast-check';
import { D } from '../decimal';
import { formatCapitals, parseCapitals } from './capitals';
import { loadExampleDossier } from '../../../test/example-dossier';

/** An amount in 分 as the two-decimal string the product stores. */
const fromFen = (fen: number | bigint): string => {
  const digits = fen.toString().padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
};

const roundTrips = (amount: string): void => {
  expect(parseCapitals(formatCapitals(amount))).toBe(amount);
};

describe('formatCapitals', () => {
  it.each([
    ['0.00', '零元整'],
    ['0.01', '壹分'],
    ['0.05', '伍分'],
    ['0.10', '壹角'],
    ['0.50', '伍角'],
    ['0.55', '伍角伍分'],
    ['1.00', '壹元整'],
    ['1.05', '壹元零伍分'],
    ['10.00', '壹拾元整'],
    ['10.01', '壹拾元零壹分'],
    ['10.50', '壹拾元伍角'],
    ['15.00', '壹拾伍元整'],
    ['100.00', '壹佰元整'],
    ['100.10', '壹佰元壹角'],
    ['110.00', '壹佰壹拾元整'],
    ['1000.00', '壹仟元整'],
    ['1001.00', '壹仟零壹元整'],
    ['1005.00', '壹仟零伍元整'],
    ['1010.00', '壹仟零壹拾元整'],
    ['1680.32', '壹仟陆佰捌拾元叁角贰分'],
    ['10000.00', '壹万元整'],
    ['10001.00', '壹万零壹元整'],
    ['10010.00', '壹万零壹拾元整'],
    ['16409.02', '壹万陆仟肆佰零玖元零贰分'],
    ['100000.00', '壹拾万元整'],
    ['101000.00', '壹拾万壹仟元整'],
    ['107000.53', '壹拾万柒仟元伍角叁分'],
    ['1000100.00', '壹佰万零壹佰元整'],
    ['1010101.01', '壹佰零壹万零壹佰零壹元零壹分'],
    ['3006073.69', '叁佰万陆仟零柒拾叁元陆角玖分'],
    ['4870000.00', '肆佰捌拾柒万元整'],
    ['5083907.65', '伍佰零捌万叁仟玖佰零柒元陆角伍分'],
    ['5434159.40', '伍佰肆拾叁万肆仟壹佰伍拾玖元肆角'],
    ['10000000.00', '壹仟万元整'],
    ['10000100.00', '壹仟万零壹佰元整'],
    ['100000000.00', '壹亿元整'],
    ['100000001.00', '壹亿零壹元整'],
    ['100001000.00', '壹亿零壹仟元整'],
    ['100010000.00', '壹亿零壹万元整'],
    ['110000000.00', '壹亿壹仟万元整'],
    ['1000000000.00', '壹拾亿元整'],
    ['100000000000.00', '壹仟亿元整'],
    ['100000000000.01', '壹仟亿元零壹分'],
    ['999999999999.99', '玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
  ])('%s → %s', (amount, capitals) => {
    expect(formatCapitals(amount)).toBe(capitals);
    expect(parseCapitals(capitals)).toBe(amount);
  });

  it('accepts a Decimal and amounts written with fewer decimals', () => {
    expect(formatCapitals(new D('5434159.4'))).toBe('伍佰肆拾叁万肆仟壹佰伍拾玖元肆角');
    expect(formatCapitals('12')).toBe('壹拾贰元整');
  });

  it.each([['-1.00'], ['0.001'], ['1000000000000.00'], ['1e3'], ['0x10'], [''], ['1,000.00']])('rejects %p', (amount) => {
    expect(() => formatCapitals(amount)).toThrow(/金额/);
  });

  it('never doubles a 零, never ends a group with one, and names every non-zero digit once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999_999_999 }), (fen) => {
        const amount = fromFen(fen);
        const text = formatCapitals(amount);
        expect(text).not.toMatch(/零零|零[拾佰仟万亿元角分整]|^零/);
        const nonZeroDigits = amount.replace(/[0.]/g, '').length;
        expect(text.replace(/[^壹贰叁肆伍陆柒捌玖]/g, '')).toHaveLength(nonZeroDigits);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseCapitals', () => {
  it.each([
    ['人民币壹佰元整', '100.00'],
    ['人民币 壹佰元整', '100.00'],
    ['壹佰圆整', '100.00'],
    ['壹佰元正', '100.00'],
    ['壹拾元伍角整', '10.50'],
    ['  肆佰捌拾柒万元整 ', '4870000.00'],
    // Zeros the PBOC rules let the writer omit or add.
    ['壹仟陆佰捌拾元零叁角贰分', '1680.32'],
    ['壹拾万零柒仟元伍角叁分', '107000.53'],
    ['人民币壹拾万柒仟元零伍角叁分', '107000.53'],
    ['壹亿壹仟元整', '100001000.00'],
  ])('reads the variant %s as %s', (text, amount) => {
    expect(parseCapitals(text)).toBe(amount);
  });

  it.each([
    ['', 'empty'],
    ['壹佰', 'no 元'],
    ['壹佰元', 'no 整'],
    ['拾元整', 'bare 拾'],
    ['壹仟伍元整', 'missing 零 inside a group (would read as 1,500)'],
    ['壹万伍元整', 'missing 零 before a short group (would read as 15,000)'],
    ['壹佰零零伍元整', 'doubled 零'],
    ['壹佰伍零元整', '零 at the end of a group'],
    ['壹壹元整', 'two digits in a row'],
    ['佰元整', 'a place without a digit'],
    ['壹元伍分整', '整 after 分'],
    ['壹元伍分伍角', '分 before 角'],
    ['伍角伍角', 'repeated 角'],
    ['壹万壹亿元整', 'groups out of order'],
    ['一百元整', 'ordinary numerals'],
    ['壹佰美元整', 'foreign character'],
    ['100元', 'arabic digits'],
    ['壹万亿元整', 'above the largest amount'],
    ['零伍分', 'a leading 零 below one 元'],
  ])('rejects %p (%s)', (text) => {
    expect(() => parseCapitals(text)).toThrow(/大写金额无效/);
  });

  it('says how a text out of canonical form reads by place', () => {
    expect(() => parseCapitals('壹仟伍元整')).toThrow('按位读作1005.00，应写作壹仟零伍元整');
  });

  it("reads every dossier bid's capitals as its total", () => {
    const { bids } = loadExampleDossier();
    expect(bids.length).toBeGreaterThan(0);
    for (const bid of bids) expect(parseCapitals(bid.totalCapitals!)).toBe(bid.total);
  });
});

describe('round trip', () => {
  it('holds for every amount from 0.01 to 100.00', () => {
    for (let fen = 1; fen <= 10_000; fen++) roundTrips(fromFen(fen));
  });

  it('holds densely around every place and group boundary', () => {
    for (let power = 2; power <= 14; power++) {
      const boundary = 10n ** BigInt(power);
      for (let fen = boundary > 300n ? boundary - 300n : 1n; fen <= boundary + 300n; fen++) {
        if (fen <= 99_999_999_999_999n) roundTrips(fromFen(fen));
      }
    }
  });

  it('holds for whole 元 amounts with sparse digits (many zeros)', () => {
    const sparseDigit = fc.constantFrom('0', '0', '0', '1', '5', '9');
    fc.assert(
      fc.property(fc.array(sparseDigit, { minLength: 14, maxLength: 14 }), (digits) => {
        const fen = BigInt(digits.join(''));
        if (fen > 0n) roundTrips(fromFen(fen));
      }),
      { numRuns: 5000 },
    );
  });

  it('holds for random amounts up to 999,999,999,999.99', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999_999_999 }), (fen) => roundTrips(fromFen(fen))),
      { numRuns: 20_000 },
    );
  });

  it('reads the PBOC variants without optional zeros as the same amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999_999_999 }), (fen) => {
        const amount = fromFen(fen);
        const withZeros = formatCapitals(amount).replace(/([万亿])(?=[壹贰叁肆伍陆柒捌玖]仟)/g, '$1零');
        expect(parseCapitals(withZeros)).toBe(amount);
      }),
      { numRuns: 2000 },
    );
  });
});
