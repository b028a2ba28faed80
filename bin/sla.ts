#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { run } from './cli.ts';

process.exitCode = await run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: () => readFileSync(0, 'utf8'),
});
