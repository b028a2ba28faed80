/**
 * A usage statement's invoice lines as CSV (shared/csv.ts): one row a line, then a totals row.
 * Money is decimal text in major units (`75.00`), formatted from the integer minor units.
 */

import { toCsv } from '#shared/csv.ts';
import { formatMinorUnits } from './money.ts';
import type { UsageStatement } from './usage-statement.ts';

const HEADER = ['period', 'kind', 'description', 'caseId', 'adjusts', 'quantity', 'unit', 'unitPrice', 'amount', 'currency'];

export function statementCsv(statement: UsageStatement): string {
  const lines = statement.lines.map((line) => [
    statement.period,
    line.kind,
    line.description,
    line.caseId ?? '',
    line.adjusts ?? '',
    line.quantity,
    line.unit,
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
    formatMinorUnits(statement.total, statement.currency),
    statement.currency,
  ];
  return toCsv([HEADER, ...lines, total]);
}
