/** `npm run classify -- <file.eml …>`: the classification and its signals as JSON, one entry per file. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { classifyFiles } from '../../../../src/server/inbound/classify/classify-cli';
import { FIXTURES, NOW } from './helpers';

const fixture = (name: string) => path.join(FIXTURES, name);

describe('classifyFiles', () => {
  it('gives each file its classification with the signals that decided it', async () => {
    const reports = await classifyFiles(
      [fixture('bounce/exchange-2003-ndr.eml'), fixture('auto-reply/exchange-oof-en.eml')],
      NOW,
    );
    expect(reports).toEqual([
      expect.objectContaining({
        classification: expect.objectContaining({
          kind: 'bounce',
          recipients: [
            expect.objectContaining({
              address: 'dana.whitfield@corp.tailspin.example',
              reason: 'user_unknown',
            }),
          ],
          signals: expect.arrayContaining(['header:return-path=<>', 'subject:failure-notice']),
        }),
      }),
      expect.objectContaining({
        classification: expect.objectContaining({ kind: 'auto_reply', returnDate: '2026-12-07' }),
      }),
    ]);
  });

  it('names what it could not read instead of stopping', async () => {
    const reports = await classifyFiles([fixture('missing.eml'), fixture('README.md')], NOW);
    expect(reports).toEqual([
      expect.objectContaining({ error: expect.objectContaining({ code: 'ENOENT' }) }),
      expect.objectContaining({ error: expect.objectContaining({ code: 'not_a_message' }) }),
    ]);
  });

  it('reads standard input for "-"', async () => {
    const raw = Buffer.from('From: a@b.example\nSubject: hi\n\nThanks, Thursday works.\n');
    const [report] = await classifyFiles(['-'], NOW, () => raw);
    expect(report).toMatchObject({ file: '-', bytes: raw.length, classification: { kind: 'human' } });
  });
});

describe('npm run classify', () => {
  it('prints a JSON array and exits 0 when every file was read', async () => {
    const cli = path.resolve(__dirname, '../../../../src/server/inbound/classify/classify-cli.ts');
    const { stdout } = await promisify(execFile)(
      'npx',
      ['tsx', cli, '--now', '2026-11-20', fixture('bounce/fml-not-a-member.eml')],
      { cwd: path.resolve(__dirname, '../../../..') },
    );
    expect(JSON.parse(stdout)).toEqual([
      expect.objectContaining({
        classification: expect.objectContaining({
          kind: 'bounce',
          signals: expect.arrayContaining(['mail-system:fml']),
        }),
      }),
    ]);
  }, 30_000);
});
