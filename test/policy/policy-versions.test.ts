import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import documents from '#shared/policies/compiled-preset-documents.json' with { type: 'json' };
import compiled from '#shared/policies/compiled-presets.json' with { type: 'json' };
import { loadPolicyVersion, loadPreset, PRESET_IDS, presetDocument, presetFile } from '#shared/policies/presets.ts';
import { policySchema } from '#shared/policy/policy-schema.ts';
import { validateConfig } from '#shared/policy/validate-config.ts';
import { compilePresets } from '../../infra/compilers/compile-presets.ts';
import { compiledFiles } from '../../infra/compilers/compiled-files.ts';

describe('policy versions', () => {
  it('gives an open ticket the version it was opened under, after the preset moved on', () => {
    const directory = mkdtempSync(join(tmpdir(), 'presets-'));
    mkdirSync(join(directory, 'archive'));
    for (const id of PRESET_IDS) writeFileSync(join(directory, `${id}.yaml`), readFileSync(presetFile(id), 'utf8'));
    for (const file of readdirSync(new URL('archive/', presetFile('kore')))) {
      if (file.endsWith('.yaml'))
        writeFileSync(join(directory, 'archive', file), readFileSync(new URL(`archive/${file}`, presetFile('kore'))));
    }
    const current = loadPreset('kore').version;
    const text = readFileSync(presetFile('kore'), 'utf8');
    writeFileSync(join(directory, 'archive', `kore.v${current}.yaml`), text);
    writeFileSync(
      join(directory, 'kore.yaml'),
      text.replace(`version: ${current}`, `version: ${current + 1}`).replace('premium: { response: 15m }', 'premium: { response: 10m }'),
    );
    const presets = compilePresets(pathToFileURL(`${directory}/`)).specs;
    expect(loadPolicyVersion('kore', current + 1, presets).targets('urgent', 'premium', 'us')?.response).toBe(10 * 60_000);
    for (let version = 1; version <= current; version++) {
      expect(loadPolicyVersion('kore', version, presets).targets('urgent', 'premium', 'us')?.response).toBe(15 * 60_000);
    }
    // Version 1 had no re-pages; version 2 re-pages the manager.
    expect(loadPolicyVersion('kore', 1, presets).targets('urgent', 'premium', 'us')?.escalation[0]?.repeat).toBeUndefined();
    expect(loadPolicyVersion('kore', 2, presets).targets('urgent', 'premium', 'us')?.escalation[0]?.repeat).toEqual({
      every: 300_000,
      times: 2,
    });
    expect(() => loadPolicyVersion('kore', current + 2, presets)).toThrow(
      `neither the current preset (v${current + 1}) nor archived as archive/kore.v${current + 2}.yaml`,
    );
  });
});

describe('compiled presets', () => {
  it('match the YAML presets (run `npm run compile-presets` after changing one)', () => {
    for (const { path, content } of compiledFiles('compile-presets')) expect(readFileSync(path, 'utf8')).toBe(content);
  });

  it('hold the specs the policy schema gives for the documents, intact through JSON (no undefined fields, no Dates)', () => {
    for (const id of PRESET_IDS) {
      const { current, versions } = compiled.presets[id];
      const spec = JSON.parse(versions[String(current) as keyof typeof versions]);
      expect(spec).toStrictEqual(validateConfig(policySchema, JSON.parse(documents[id]), id));
    }
  });

  it('keep each preset as written for API clients (durations as text)', () => {
    expect(presetDocument('kore')).toMatchObject({ id: 'kore', severities: { urgent: { tiers: { premium: { response: '15m' } } } } });
  });

  it('carry NETCOR’s Lower Saxony holidays as dates, so no holiday rules are needed at run time', () => {
    const netcor = JSON.parse(compiled.presets.netcor.versions['1']) as {
      calendars: { business: { holidays: { dates: string[]; compiledYears: number[]; country: string } } };
    };
    const { holidays } = netcor.calendars.business;
    expect(holidays).toMatchObject({ country: 'DE', compiledYears: [2000, 2060] });
    expect(holidays.dates).toEqual(expect.arrayContaining(['2026-04-03', '2026-04-06', '2026-10-31', '2060-12-26']));
    expect(holidays.dates).not.toContain('2026-12-24');
  });
});
