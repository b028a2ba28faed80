/** The local stack's SMTP listener: each accepted message goes to the inbound-email path as SES would deliver it. */

import { SMTPServer } from 'smtp-server';

export function startSmtpListener(port: number, deliver: (raw: Buffer) => Promise<unknown>): Promise<SMTPServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: 40 * 1024 * 1024,
    banner: 'sla-escalator local',
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        deliver(Buffer.concat(chunks)).then(
          () => callback(),
          (error: unknown) => callback(Object.assign(new Error(`could not process the message: ${String(error)}`), { responseCode: 451 })),
        );
      });
    },
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
