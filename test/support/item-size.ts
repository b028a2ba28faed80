/**
 * The size DynamoDB counts for an item, from its rules: strings and names are their UTF-8 bytes, a
 * number 1 byte per two significant digits plus 1, a boolean or null 1 byte, a list or map 3 bytes
 * plus 1 per element. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
 */

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

export function itemSize(item: Record<string, unknown>): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueSize(value), 0);
}

function valueSize(value: unknown): number {
  if (typeof value === 'string') return utf8(value);
  if (typeof value === 'number') {
    const digits = String(Math.abs(value)).replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length;
    return Math.ceil(Math.max(1, digits) / 2) + 1;
  }
  if (typeof value === 'boolean' || value === null) return 1;
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, v) => sum + 1 + valueSize(v), 0);
  if (typeof value === 'object') {
    return 3 + Object.entries(value as Record<string, unknown>).reduce((sum, [name, v]) => sum + 1 + utf8(name) + valueSize(v), 0);
  }
  return 0;
}
