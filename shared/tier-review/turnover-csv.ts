/**
 * A turnover upload as CSV (`shared/csv.ts` reads it): a header row `org,turnover`, then one row
 * per organisation with its turnover in major units (`30000` or `30000.00`, converted exactly).
 * Problems are named as `shared/csv.ts` names them: the row as a spreadsheet numbers it (the
 * header is row 1) and the column (`row 3, column 2`), each a 400, nothing half-read.
 */

import { toMinorUnits } from '#shared/billing/money.ts';
import { CsvError, parseCsv } from '#shared/csv.ts';
import { DomainError, type FieldError } from '#shared/domain-error.ts';
import { MAX_TURNOVER_ROWS, type TurnoverRow } from './plan-tier-review.ts';

const COLUMNS = ['org', 'turnover'] as const;
const ORG_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Where row `index` (0-based, after the header) and its column are, for errors. */
export function csvRowPath(index: number, field: 'org' | 'amount'): string {
  return `row ${index + 2}, column ${field === 'org' ? 1 : 2}`;
}

const invalid = (errors: readonly FieldError[]) => new DomainError('bad_request', 'the CSV is not valid', errors);

export function turnoverFromCsv(text: string, currency: string): TurnoverRow[] {
  let cells: string[][];
  try {
    // The header, the rows, and one more, so that too many rows is reported as such.
    cells = parseCsv(text, { maxRows: MAX_TURNOVER_ROWS + 2, maxField: 200 });
  } catch (error) {
    if (error instanceof CsvError) throw invalid(error.errors);
    throw error;
  }
  // Blank lines at the end are a spreadsheet's habit; one in between is a row (and reported as one).
  const rows = [...cells];
  while (rows.length > 0 && rows.at(-1)?.every((cell) => cell.trim() === '')) rows.pop();
  const header = rows[0]?.map((cell) => cell.trim().toLowerCase());
  if (header === undefined || header.length !== COLUMNS.length || COLUMNS.some((name, i) => header[i] !== name)) {
    throw invalid([{ path: 'row 1', message: `expected the header row "${COLUMNS.join(',')}"` }]);
  }
  const body = rows.slice(1);
  if (body.length > MAX_TURNOVER_ROWS) throw invalid([{ path: 'csv', message: `at most ${MAX_TURNOVER_ROWS} rows, got more` }]);
  const errors: FieldError[] = [];
  const turnover = body.map((row, i): TurnoverRow => {
    if (row.length !== COLUMNS.length) {
      errors.push({ path: `row ${i + 2}`, message: `expected ${COLUMNS.length} columns (${COLUMNS.join(',')}), got ${row.length}` });
      return { org: '', amount: 0 };
    }
    const org = (row[0] ?? '').trim();
    if (!ORG_ID.test(org))
      errors.push({ path: csvRowPath(i, 'org'), message: 'expected an organisation id (lower-case letters, digits and "-")' });
    const amount = toMinorUnits(row[1] ?? '', currency);
    if ('error' in amount) errors.push({ path: csvRowPath(i, 'amount'), message: `turnover: ${amount.error}` });
    return { org, amount: 'error' in amount ? 0 : amount.minor };
  });
  if (errors.length > 0) throw invalid(errors);
  return turnover;
}
