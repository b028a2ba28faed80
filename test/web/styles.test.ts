import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transform } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe("the console's stylesheet", () => {
  it('parses without a warning (a rule left open by a merge silently swallows every rule after it)', async () => {
    const css = readFileSync(join(import.meta.dirname, '../../web/src/styles.css'), 'utf8');
    const { warnings } = await transform(css, { loader: 'css' });
    expect(warnings.map((w) => `${w.location?.line}: ${w.text}`)).toEqual([]);
  });
});
