/**
 * CSV as RFC 4180 writes it (https://www.rfc-editor.org/rfc/rfc4180): fields separated by commas,
 * records by CRLF, a field with a comma, a double quote or a line break quoted, its quotes doubled.
 *
 * Written cells are safe to open in a spreadsheet: a text cell starting with `=`, `+`, `-`, `@`,
 * a tab or a carriage return gets a leading `'`, so it is never read as a formula (OWASP "CSV
 * injection"). Plain numbers (`-18.75`) are left as they are: they cannot be formulas.
 *
 * Reading accepts CRLF or LF, a leading byte-order mark and a missing final line break, and
 * reports a malformed field with its row (record) and column, both counted from 1.
 */

import { DomainError } from './domain-error.ts';

export type CsvCell = string | number;

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

function cellText(cell: CsvCell): string {
  const text = String(cell);
  const safe = FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Rows → CSV text, each record ended by CRLF. */
export function toCsv(rows: Iterable<readonly CsvCell[]>): string {
  let out = '';
  for (const row of rows) out += `${row.map(cellText).join(',')}\r\n`;
  return out;
}

/** A malformed CSV upload: `row` and `column` (from 1) of the field at fault. */
export class CsvError extends DomainError {
  constructor(
    readonly row: number,
    readonly column: number,
    problem: string,
  ) {
    const where = `row ${row}, column ${column}`;
    super('validation_failed', `CSV ${where}: ${problem}`, [{ path: where, message: problem }]);
    this.name = 'CsvError';
  }
}

export interface CsvLimits {
  /** The most records read; more is a `CsvError` on the first row beyond. Default 10 000. */
  readonly maxRows?: number;
  /** The longest field, in characters. Default 10 000. */
  readonly maxField?: number;
}

/** CSV text → its records' fields, as strings; an empty text has no records. */
export function parseCsv(text: string, { maxRows = 10_000, maxField = 10_000 }: CsvLimits = {}): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  const at = () => ({ row: rows.length + 1, column: row.length + 1 });
  const fail = (problem: string): never => {
    const { row: r, column } = at();
    throw new CsvError(r, column, problem);
  };
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote === -1) fail('a quoted field is not closed (a " is missing)');
        field += text.slice(i, quote);
        i = quote + 1;
        if (text[i] !== '"') break;
        field += '"';
        i += 1;
      }
      if (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        fail('text after a closing quote (a quote inside a field is written "")');
      }
    } else {
      const end = text.slice(i).search(/[,\r\n]/);
      field = end === -1 ? text.slice(i) : text.slice(i, i + end);
      if (field.includes('"')) fail('a quote inside an unquoted field (quote the field and double the quote: "")');
      i += field.length;
    }
    if (field.length > maxField) fail(`a field longer than ${maxField} characters`);
    row.push(field);
    if (text[i] === ',') {
      i += 1;
      if (i < text.length) continue;
      row.push('');
    }
    if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
    else if (text[i] === '\r' || text[i] === '\n') i += 1;
    if (rows.length >= maxRows) throw new CsvError(rows.length + 1, 1, `more than ${maxRows} rows`);
    rows.push(row);
    row = [];
  }
  return rows;
}
