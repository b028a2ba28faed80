import { describe, expect, it } from 'vitest';
import { safeReturnTo } from '../../web/src/lib/return-to.ts';

describe('safeReturnTo', () => {
  it('keeps a path of this origin', () => {
    expect(safeReturnTo('/case/10001?tab=ladder')).toBe('/case/10001?tab=ladder');
  });

  it.each([undefined, '', 'https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)'])(
    'sends %s to the start page instead',
    (value) => expect(safeReturnTo(value)).toBe('/'),
  );
});
