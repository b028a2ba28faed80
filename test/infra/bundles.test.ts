import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../infra/aws/build.ts';
import { esbuildOptions, PROJECT_ROOT } from '../../infra/aws/bundling.ts';

/**
 * Modules that belong to authoring (the CLI, the compilers), never to a Lambda bundle: holiday rules,
 * YAML, the policy and calendar file formats (the presets are compiled to specs), and the OpenAPI
 * generator (the document is compiled too).
 */
const AUTHORING_ONLY = [
  'node_modules/date-holidays/',
  'node_modules/moment-timezone/',
  'node_modules/yaml/',
  'shared/policy/policy-schema.ts',
  'shared/calendar/calendar-schema.ts',
  'shared/policy/validate-config.ts',
  'infra/compilers/openapi-document.ts',
];

/**
 * zod's message translations other than English. `import { z } from 'zod'` pulls in all of them
 * (about 340 KiB, most of a cold start's parse time); `import * as z from 'zod'` lets esbuild drop them.
 */
const ZOD_FOREIGN_LOCALES = /node_modules\/zod\/v4\/locales\/(?!en\.js)/;

/** Lambda code uses `zod/mini`: classic zod's schemas are about three times the bytes and slower to build. */
const ZOD_CLASSIC = /node_modules\/zod\/v4\/classic\//;

/**
 * SES builds our outgoing MIME from simple content, and postal-mime parses incoming mail with the
 * runtime's own decoders: no bundle carries nodemailer, or mailparser with its charset tables.
 */
const MAIL_LIBRARIES = /node_modules\/(nodemailer|mailparser|iconv-lite|encoding-japanese|html-to-text)\//;

/**
 * The policy publisher compiles published policies (the policy schema with classic zod, holiday
 * rules, YAML): it is the one function that carries them, so that no other has to.
 */
const COMPILES_POLICIES = ['policy-publisher'];

describe('Lambda bundles', () => {
  it.each(FUNCTIONS)(
    '%s carries no authoring-only modules (holiday rules, YAML, file formats), no classic zod, no foreign zod locales and no heavy mail libraries',
    async (name) => {
      const compiles = COMPILES_POLICIES.includes(name);
      const result = await build({
        ...esbuildOptions(join(PROJECT_ROOT, 'functions', name, 'handler.ts'), join(PROJECT_ROOT, 'dist', 'check', name, 'index.mjs')),
        write: false,
        metafile: true,
        logLevel: 'silent',
      });
      const inputs = Object.keys(result.metafile.inputs);
      const authoring = inputs.filter((file) => AUTHORING_ONLY.some((module) => file.includes(module)));
      if (compiles) expect(authoring.some((file) => file.includes('node_modules/date-holidays/'))).toBe(true);
      else expect(authoring).toEqual([]);
      // Files esbuild parsed but tree-shook away are listed in the inputs; count only emitted code.
      const emitted = Object.values(result.metafile.outputs).flatMap((output) =>
        Object.entries(output.inputs).flatMap(([file, { bytesInOutput }]) => (bytesInOutput > 0 ? [file] : [])),
      );
      expect(emitted.filter((file) => ZOD_FOREIGN_LOCALES.test(file))).toEqual([]);
      if (!compiles) expect(emitted.filter((file) => ZOD_CLASSIC.test(file))).toEqual([]);
      expect(inputs.filter((file) => MAIL_LIBRARIES.test(file))).toEqual([]);
    },
    60_000,
  );
});
