/**
 * A turnover upload as CSV: a header row `org,turnover`, then one row per organisation with its
 * turnover in major units (`30000` or `30000.00`, converted exactly). Problems are named by the
 * row as a spreadsheet numbers it (the header is row 1) and the column: `csv[3].turnover`.
 */

import { toMinorUnits } from '#shared/billing/money.ts';
import { DomainError, type FieldError } from '#shared/domain-error.ts';
import { MAX_TURNOVER_ROWS, type TurnoverRow } from './plan-tier-review.ts';

const COLUMNS = ['org', 'turnover'] as const;

/** Where row `index` (0-based, after the header) and its column are, for errors. */
export function csvRowPath(index: number, field: 'org' | 'amount'): string {
  return `csv[${index + 2}].${field === 'amount' ? 'turnover' : 'org'}`;
}

/** The rows of a parsed CSV (cells as text) as turnover rows; every bad row and column is reported, nothing half-read. */
export function turnoverFromCsv(cells: readonly (readonly string[])[], currency: string): TurnoverRow[] {
  const rows = cells.filter((row) => row.some((cell) => cell.trim() !== ''));
  const header = rows[0]?.map((cell) => cell.trim().toLowerCase());
  if (header === undefined || header.length !== COLUMNS.length || COLUMNS.some((name, i) => header[i] !== name)) {
    throw new DomainError('bad_request', 'the CSV is not valid', [
      { path: 'csv[1]', message: `expected the header row "${COLUMNS.join(',')}"` },
    ]);
  }
  const body = rows.slice(1);
  if (body.length > MAX_TURNOVER_ROWS) {
    throw new DomainError('bad_request', 'the CSV is not valid', [
      { path: 'csv', message: `at most ${MAX_TURNOVER_ROWS} rows, got ${body.length}` },
    ]);
  }
  const errors: FieldError[] = [];
  const turnover = body.map((row, i): TurnoverRow => {
    if (row.length !== COLUMNS.length) {
      errors.push({ path: `csv[${i + 2}]`, message: `expected ${COLUMNS.length} columns (${COLUMNS.join(',')}), got ${row.length}` });
      return { org: '', amount: 0 };
    }
    const org = (row[0] ?? '').trim();
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(org)) {
      errors.push({ path: csvRowPath(i, 'org'), message: 'expected an organisation id (lower-case letters, digits and "-")' });
    }
    const amount = toMinorUnits(row[1] ?? '', currency);
    if ('error' in amount) errors.push({ path: csvRowPath(i, 'amount'), message: amount.error });
    return { org, amount: 'error' in amount ? 0 : amount.minor };
  });
  if (errors.length > 0) throw new DomainError('bad_request', 'the CSV is not valid', errors);
  return turnover;
}
