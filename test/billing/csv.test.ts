import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { statementCsv } from '#shared/billing/statement-csv.ts';
import { CsvError, parseCsv, toCsv } from '#shared/csv.ts';
import { loadPreset } from '#shared/policies/presets.ts';
import { corrected, logged, orgOf, statementOf } from './ledger.ts';

const errorOf = (text: string) => {
  try {
    parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError) return { row: error.row, column: error.column, message: error.message, errors: error.errors };
    throw error;
  }
  throw new Error('expected a CsvError');
};

describe('CSV', () => {
  describe('writing', () => {
    it('quotes fields with commas, quotes and line breaks, doubling quotes, and ends every record with CRLF', () => {
      expect(toCsv([['a', 'b,c', 'say "hi"', 'two\nlines', 7, -18.75]])).toBe('a,"b,c","say ""hi""","two\nlines",7,-18.75\r\n');
    });

    it.each([
      ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
      ['+1+1', "'+1+1"],
      ['-1+1', "'-1+1"],
      ['@SUM(A1)', "'@SUM(A1)"],
      ['\tcmd', "'\tcmd"],
      ['\rcmd', `"'\rcmd"`],
      ['-18.75', '-18.75'],
      ['a=b', 'a=b'],
    ])('neutralises %j as %s', (cell, written) => {
      expect(toCsv([[cell]])).toBe(`${written}\r\n`);
    });
  });

  describe('reading', () => {
    it('reads quoted fields, doubled quotes, line breaks inside quotes, LF or CRLF, a BOM and no final line break', () => {
      expect(parseCsv('\uFEFForg,turnover\r\n"acme, inc","1,000"\n"say ""hi""","a\r\nb"\nlast,')).toEqual([
        ['org', 'turnover'],
        ['acme, inc', '1,000'],
        ['say "hi"', 'a\r\nb'],
        ['last', ''],
      ]);
      expect(parseCsv('')).toEqual([]);
      expect(parseCsv('a\n\nb\n')).toEqual([['a'], [''], ['b']]);
    });

    it.each([
      ['org,turnover\nacme,"100\n', 2, 2, 'a quoted field is not closed (a " is missing)'],
      ['org,turnover\nacme,"100"x\n', 2, 2, 'text after a closing quote (a quote inside a field is written "")'],
      ['org,turnover\nacme,1"00\nbeta,2\n', 2, 2, 'a quote inside an unquoted field (quote the field and double the quote: "")'],
      ['a,b,c\nd,e,"f"g', 2, 3, 'text after a closing quote (a quote inside a field is written "")'],
    ])('reports the row and column of a malformed field in %j', (text, row, column, problem) => {
      expect(errorOf(text)).toEqual({
        row,
        column,
        message: `CSV row ${row}, column ${column}: ${problem}`,
        errors: [{ path: `row ${row}, column ${column}`, message: problem }],
      });
    });

    it('caps the rows and the length of a field', () => {
      expect(() => parseCsv('a\nb\nc\n', { maxRows: 2 })).toThrow('CSV row 3, column 1: more than 2 rows');
      expect(() => parseCsv('ok,toolong\n', { maxField: 5 })).toThrow('CSV row 1, column 2: a field longer than 5 characters');
    });

    it('reads back what it writes', () => {
      const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', 'é') });
      fc.assert(
        fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { maxLength: 5 }), (rows) => {
          // Cells the writer leaves as they are (no formula start) come back unchanged.
          const plain = rows.map((row) => row.map((c) => c.replace(/^[\r]+/, '')));
          expect(parseCsv(toCsv(plain))).toEqual(plain);
        }),
      );
    });
  });

  describe('statements', () => {
    it('writes invoice lines with money in major units, adjustments and credits included, and a total', () => {
      const tiered = loadPreset('tiered');
      const day = (d: number, month = 0) => Date.UTC(2027, month, d, 10);
      const a = logged('a', { tier: 'gold', minutes: 300, at: day(5) });
      const revisions = [
        a,
        corrected(a, day(2, 1), { minutes: 285 }),
        logged('b', { tier: 'basic', minutes: 50, at: day(6, 1), caseId: 12 }),
      ];
      const february = statementOf(tiered, orgOf('gold'), revisions, '2027-02', day(20, 1));
      expect(parseCsv(statementCsv(february))).toEqual([
        ['period', 'kind', 'description', 'caseId', 'adjusts', 'quantity', 'unit', 'minutes', 'unitPrice', 'amount', 'currency'],
        ['2027-02', 'paid', 'Paid support, case #12 (basic)', '12', '', '1', 'h', '60', '75.00', '75.00', 'EUR'],
        [
          '2027-02',
          'adjustment',
          'Adjustment to 2027-01: Support beyond the 4h included (gold)',
          '',
          '2027-01',
          '-0.25',
          'h',
          '-15',
          '75.00',
          '-18.75',
          'EUR',
        ],
        ['2027-02', 'total', 'Total acme 2027-02', '', '', '', '', '', '', '56.25', 'EUR'],
      ]);
    });
  });
});
