/** Reading an iCalendar file back in tests: each VEVENT's properties (VALARM's prefixed). */

/** RFC 5545 §3.1: long lines are folded by a CRLF and one space or tab; unfold, then read each component's properties. */
export function parseEvents(text: string): Array<Record<string, string>> {
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
  const events: Array<Record<string, string>> = [];
  const stack: string[] = [];
  let current: Record<string, string> | undefined;
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon);
    const value = line.slice(colon + 1);
    if (name === 'BEGIN') {
      stack.push(value);
      if (value === 'VEVENT') current = {};
    } else if (name === 'END') {
      stack.pop();
      if (value === 'VEVENT' && current !== undefined) events.push(current);
    } else if (current !== undefined) {
      current[stack.at(-1) === 'VALARM' ? `VALARM.${name}` : name] = value;
    }
  }
  return events;
}
