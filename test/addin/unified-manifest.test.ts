/**
 * @jest-environment node
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';

/* eslint-disable @typescript-eslint/no-require-imports */
const { unifiedManifest, manifestPackage, validateUnifiedManifest } =
  require('../../src/addin/build/unified-manifest.js') as {
    unifiedManifest(baseUrl: string): Manifest;
    manifestPackage(baseUrl: string, assetsDir: string): Buffer;
    validateUnifiedManifest(manifest: unknown): Promise<string[]>;
  };
const { unzipFiles } = require('../../src/addin/build/zip.js') as {
  unzipFiles(zip: Buffer): Map<string, Buffer>;
};
const { xmlDisagreements } = require('../../src/addin/build/xml-agreement.js') as {
  xmlDisagreements(xml: string, baseUrl: string): string[];
};
/* eslint-enable @typescript-eslint/no-require-imports */

interface Control {
  id: string;
  label: string;
  actionId: string;
}
interface Manifest {
  id: string;
  icons: { color: string; outline: string };
  authorization: { permissions: { resourceSpecific: { name: string }[] } };
  extensions: {
    requirements: { capabilities: { name: string; minVersion: string }[] };
    runtimes: {
      id: string;
      code: { page: string; script?: string };
      actions: { id: string; type: string; pinnable?: boolean }[];
    }[];
    ribbons: { contexts: string[]; tabs: { groups: { id: string; controls: Control[] }[] }[] }[];
    autoRunEvents: { requirements: unknown; events: { type: string; actionId: string }[] }[];
  }[];
}

const repo = path.resolve(__dirname, '../..');
const base = 'https://sales.contoso.com';
const xml = readFileSync(path.join(repo, 'manifest.xml'), 'utf8');
const png = (name: string) => readFileSync(path.join(repo, 'assets', name));

/** The RGBA pixels of an 8-bit RGBA, non-interlaced PNG (PNG spec §9: filters 0–4). */
function rgbaPixels(file: Buffer): Uint8Array {
  const width = file.readUInt32BE(16);
  const height = file.readUInt32BE(20);
  const chunks: Buffer[] = [];
  for (let at = 8; at < file.length;) {
    const length = file.readUInt32BE(at);
    if (file.toString('latin1', at + 4, at + 8) === 'IDAT')
      chunks.push(file.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  const stride = width * 4;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x];
      const a = x >= 4 ? out[y * stride + x - 4] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4] : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      out[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return out;
}

describe('the unified manifest (manifest.json, issue 11)', () => {
  test('validates offline against the schema @microsoft/app-manifest ships', async () => {
    expect(await validateUnifiedManifest(unifiedManifest(base))).toEqual([]);
  });

  test('the validation can fail: a runtime without code and an unknown property are reported', async () => {
    const broken = unifiedManifest(base) as unknown as {
      extensions: { runtimes: Record<string, unknown>[] }[];
      unexpected?: boolean;
    };
    delete broken.extensions[0].runtimes[0].code;
    broken.unexpected = true;
    const errors = (await validateUnifiedManifest(broken)).join('\n');
    expect(errors).toMatch(/runtimes\/0 must have required property 'code'/);
    expect(errors).toMatch(/additional properties/);
  });

  test('the same commands as manifest.xml: Sales Tools opening the pane when composing and reading', () => {
    const [extension] = unifiedManifest(base).extensions;
    const pane = extension.runtimes.find((runtime) => runtime.code.page === `${base}/taskpane.html`);
    expect(pane?.actions).toEqual([expect.objectContaining({ type: 'openPage', pinnable: true })]);
    const surfaces = extension.ribbons.map((ribbon) => {
      const [control] = ribbon.tabs[0].groups[0].controls;
      expect(control.label).toBe('Sales Tools');
      expect(control.actionId).toBe(pane?.actions[0].id);
      expect(xml).toContain(`<Control xsi:type="Button" id="${control.id}">`);
      return ribbon.contexts.join();
    });
    expect(surfaces).toEqual(['mailCompose', 'mailRead']);
    expect(xml).toContain('xsi:type="MessageComposeCommandSurface"');
    expect(xml).toContain('xsi:type="MessageReadCommandSurface"');
  });

  test('the same launch events, handlers and runtimes as manifest.xml, from Mailbox 1.10', () => {
    const manifest = unifiedManifest(base);
    const [extension] = manifest.extensions;
    const names: Record<string, string> = {
      newMessageComposeCreated: 'OnNewMessageCompose',
      messageRecipientsChanged: 'OnMessageRecipientsChanged',
    };
    const events = extension.autoRunEvents[0].events;
    expect(events.map((event) => event.type)).toEqual(Object.keys(names));
    for (const event of events)
      expect(xml).toContain(`<LaunchEvent Type="${names[event.type]}" FunctionName="${event.actionId}"/>`);
    const runtime = extension.runtimes.find((r) => r.actions.some((a) => a.id === events[0].actionId));
    expect(runtime?.code).toEqual({ page: `${base}/commands.html`, script: `${base}/commands.js` });
    expect(runtime?.actions.map((action) => action.id)).toEqual(events.map((event) => event.actionId));
    expect(extension.autoRunEvents[0].requirements).toEqual({
      capabilities: [{ name: 'Mailbox', minVersion: '1.10' }],
    });
    expect(extension.requirements.capabilities).toEqual([{ name: 'Mailbox', minVersion: '1.3' }]);
    expect(manifest.id).toBe(/<Id>([^<]+)<\/Id>/.exec(xml)?.[1]);
    expect(manifest.authorization.permissions.resourceSpecific).toEqual([
      { name: 'MailboxItem.ReadWrite.User', type: 'Delegated' },
    ]);
    expect(xml).toContain('<Permissions>ReadWriteItem</Permissions>');
  });

  test('manifest.xml agrees with the shared definitions; a drift is reported', () => {
    expect(xmlDisagreements(xml, 'https://localhost:3001')).toEqual([]);
    const drifted = xml.replace('FunctionName="onNewMessageComposeHandler"', 'FunctionName="onCompose"');
    expect(xmlDisagreements(drifted, 'https://localhost:3001').join('\n')).toMatch(/launch events/);
  });

  test('the outline icon is white on transparent: every visible pixel white, some clear', () => {
    const pixels = rgbaPixels(png('icon-outline-32.png'));
    let visible = 0;
    let clear = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i + 3] === 0) clear += 1;
      else {
        visible += 1;
        expect([pixels[i], pixels[i + 1], pixels[i + 2]]).toEqual([255, 255, 255]);
      }
    }
    expect(visible).toBeGreaterThan(50);
    expect(clear).toBeGreaterThan(50);
    // The colour icon is not white on transparent: the check can tell them apart.
    const color = rgbaPixels(png('icon-color-192.png'));
    const coloured = (i: number) => color[i + 3] > 0 && color[i + 2] > color[i] + 50; // blue
    expect(Array.from({ length: color.length / 4 }, (_, n) => coloured(n * 4)).some(Boolean)).toBe(true);
  });

  test('the package: manifest.json and both icons at the paths it names, at their sizes', () => {
    const files = unzipFiles(manifestPackage(base, path.join(repo, 'assets')));
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Manifest;
    expect(manifest).toEqual(unifiedManifest(base));
    expect([...files.keys()].sort()).toEqual(
      ['manifest.json', manifest.icons.color, manifest.icons.outline].sort(),
    );
    for (const [name, size] of [
      [manifest.icons.color, 192],
      [manifest.icons.outline, 32],
    ] as const) {
      const icon = files.get(name)!;
      expect(icon.equals(png(name))).toBe(true);
      expect([icon.readUInt32BE(16), icon.readUInt32BE(20)]).toEqual([size, size]); // IHDR
      expect(icon[25]).toBe(6); // RGBA: the outline needs its transparency
    }
  });
});
