import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { archivedPresetFiles, loadPolicyVersion, presetFile } from '#shared/policies/presets.ts';

describe('policy versions', () => {
  it('gives an open ticket the version it was opened under, after the preset moved on', () => {
    const directory = mkdtempSync(join(tmpdir(), 'presets-'));
    mkdirSync(join(directory, 'archive'));
    const v1 = readFileSync(presetFile('kore'), 'utf8');
    writeFileSync(join(directory, 'archive', 'kore.v1.yaml'), v1);
    writeFileSync(
      join(directory, 'kore.yaml'),
      v1.replace('version: 1', 'version: 2').replace('premium: { response: 15m }', 'premium: { response: 10m }'),
    );
    const url = pathToFileURL(`${directory}/`);
    expect(loadPolicyVersion('kore', 2, url).targets('urgent', 'premium', 'us')?.response).toBe(10 * 60_000);
    expect(loadPolicyVersion('kore', 1, url).targets('urgent', 'premium', 'us')?.response).toBe(15 * 60_000);
    expect(() => loadPolicyVersion('kore', 3, url)).toThrow('neither the current preset (v2) nor archived as archive/kore.v3.yaml');
  });

  it('keeps every archived preset valid', () => {
    for (const file of archivedPresetFiles()) {
      const [, id, version] = /^(\w+)\.v(\d+)\.yaml$/.exec(file) ?? [];
      expect(loadPolicyVersion(id as string, Number(version)).version).toBe(Number(version));
    }
    expect(loadPolicyVersion('netcor', 1).id).toBe('netcor');
  });
});
