/**
 * A usage statement's invoice lines as CSV (shared/csv.ts): one row a line, then a totals row.
 * Money is decimal text in major units (`75.00`), formatted from the integer minor units. The
 * quantity is hours to four decimals; `minutes` beside it is exact, and the amount is computed
 * from the minutes (`round_half_up(minutes × unitPrice / 60)`), so 20 minutes at 75.00 an hour
 * are `0.3333,h,20,75.00,25.00`.
 */

import { toCsv } from '#shared/csv.ts';
import { formatMinorUnits } from './money.ts';
import type { UsageStatement } from './usage-statement.ts';

const HEADER = ['period', 'kind', 'description', 'caseId', 'adjusts', 'quantity', 'unit', 'minutes', 'unitPrice', 'amount', 'currency'];

export function statementCsv(statement: UsageStatement): string {
  const lines = statement.lines.map((line) => [
    statement.period,
    line.kind,
    line.description,
    line.caseId ?? '',
    line.adjusts ?? '',
    line.quantity,
    line.unit,
    line.minutes,
    formatMinorUnits(line.unitPrice, line.currency),
    formatMinorUnits(line.amount, line.currency),
    line.currency,
  ]);
  const total = [
    statement.period,
    'total',
    `Total ${statement.org} ${statement.period}`,
    '',
    '',
    '',
    '',
    '',
    '',
    formatMinorUnits(statement.total, statement.currency),
    statement.currency,
  ];
  return toCsv([HEADER, ...lines, total]);
}
