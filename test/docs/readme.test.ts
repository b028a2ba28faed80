import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '#shared/policy/parse-policy.ts';

const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');

describe('README', () => {
  it('shows a policy example that validates', () => {
    const example = /## Policies[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const policy = parsePolicy(example as string, 'README.md');
    expect(policy.targets('urgent', 'gold', 'eu')?.escalation).toHaveLength(2);
  });
});
