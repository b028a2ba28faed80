/**
 * `npx tsx bench/hostile-mail.ts`: how long inbound-email's parser takes on hostile HTML mail of
 * growing size (unclosed `<style>` tags; a run of encoded spaces), median of 5 runs each. Linear
 * code doubles its time when the size doubles; the quadratic stripper it replaced quadrupled it.
 */

import { parseMail } from '../functions/inbound-email/parse-mail.ts';

const htmlMail = (html: string) =>
  Buffer.from(`From: a@kore-demo.example\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}\r\n`);

const inputs = {
  'unclosed <style>': (chars: number) => `<p>hi</p>${'<style>a{}'.repeat(chars / 10)}`,
  'encoded spaces': (chars: number) => `<p>${'&#32;'.repeat(chars / 5)}x</p>`,
};

async function medianMs(raw: Buffer): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    await parseMail(raw);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[2] as number;
}

for (const [name, build] of Object.entries(inputs)) {
  for (const chars of [250_000, 500_000, 1_000_000]) {
    console.log(`${name.padEnd(18)} ${String(chars).padStart(9)} chars of HTML: ${(await medianMs(htmlMail(build(chars)))).toFixed(1)} ms`);
  }
}
