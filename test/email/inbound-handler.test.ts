import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { PRESET_CATALOG } from '#shared/policies/catalog.ts';
import { loadPreset } from '#shared/policies/presets.ts';
import { defineOrg } from '#shared/tickets/org.ts';
import { DynamoHeldMailStore } from '../../functions/adapters/dynamo/held-mail.ts';
import { S3MailStore } from '../../functions/adapters/s3-mail-store.ts';
import { createInboundEmailHandler } from '../../functions/inbound-email/handler.ts';
import { LocalS3 } from '../../infra/local/lib/local-mail.ts';
import { testTable } from '../support/test-table.ts';

describe('inbound-email, as SES invokes it', () => {
  it('holds a message once when Lambda delivers the same SES event again (the key comes from SES’s timestamp and id)', async () => {
    const { documents, name, store, clock } = await testTable();
    await store.putOrg(
      defineOrg(
        'kore-demo',
        { name: 'K', policy: 'kore', tier: 'premium', region: 'us', emailDomains: ['kore-demo.example'] },
        loadPreset('kore'),
        clock.now(),
      ),
      {
        mustBeNew: true,
      },
    );
    const s3 = new LocalS3(mkdtempSync(join(tmpdir(), 'sla-mail-test-')));
    s3.store(
      'bucket',
      'inbound/ses-1',
      Buffer.from('From: anna@kore-demo.example\r\nSubject: Hi\r\nMessage-ID: <h-1@kore-demo.example>\r\n\r\nHello\r\n'),
    );
    const held = new DynamoHeldMailStore(documents, name, clock.now);
    const handler = createInboundEmailHandler(() => ({
      policies: PRESET_CATALOG,
      store,
      held,
      mail: new S3MailStore(s3 as unknown as S3Client, 'bucket', 'inbound/'),
      mailer: { send: async () => {} },
      now: clock.now,
      domain: 'support.example',
      maxBytes: 1_000_000,
      log: () => {},
    }));
    const pass = { status: 'PASS' };
    const event = {
      Records: [
        {
          ses: {
            mail: { messageId: 'ses-1', timestamp: '2026-03-02T13:59:58.123Z' },
            receipt: {
              spamVerdict: pass,
              virusVerdict: pass,
              spfVerdict: pass,
              dkimVerdict: { status: 'FAIL' },
              dmarcVerdict: { status: 'FAIL' },
              dmarcPolicy: 'none',
            },
          },
        },
      ],
    };
    expect(await handler(event, {} as never)).toEqual([
      { kind: 'held', id: '20260302T135958123Z-ses-1', reason: 'DMARC FAIL (p=none); SPF PASS, DKIM FAIL' },
    ]);
    clock.advance(60_000);
    expect(await handler(event, {} as never)).toEqual([{ kind: 'duplicate' }]);
    expect((await held.listHeld({ status: 'held', limit: 10 })).items.map((m) => m.id)).toEqual(['20260302T135958123Z-ses-1']);
  });
});
