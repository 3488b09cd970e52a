/**
 * @jest-environment node
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const manifestTools = require('../../src/addin/build/manifest.js') as {
  SOURCE_BASE_URL: string;
  addinBaseUrl(env?: Record<string, string | undefined>): string;
  rewriteManifest(xml: string, baseUrl: string): string;
  validateManifest(xml: string, schemaDir: string): Promise<string[]>;
};

const repo = path.resolve(__dirname, '../..');
const source = readFileSync(path.join(repo, 'manifest.xml'), 'utf8');
const schemaDir = () => path.join(repo, 'test/fixtures/office-manifest');

describe('manifest.xml (SPEC O1)', () => {
  test('validates against OfficeAppManifestV1_1.xsd (and the XSDs it imports)', async () => {
    expect(await manifestTools.validateManifest(source, schemaDir())).toEqual([]);
  });

  test('the validation can fail: an element out of place is reported', async () => {
    const broken = source.replace('<Permissions>', '<Unexpected/><Permissions>');
    const errors = await manifestTools.validateManifest(broken, schemaDir());
    expect(errors.join('\n')).toMatch(/Unexpected.*not expected/);
  });

  test('a MailApp with VersionOverrides 1.1 inside 1.0, Mailbox DefaultMinVersion 1.3', () => {
    expect(source).toMatch(/xsi:type="MailApp"/);
    const outer = source.indexOf('xsi:type="VersionOverridesV1_0"');
    const inner = source.indexOf('xsi:type="VersionOverridesV1_1"');
    expect(outer).toBeGreaterThan(0);
    expect(inner).toBeGreaterThan(outer);
    expect(source).toMatch(/<bt:Sets DefaultMinVersion="1\.3">\s*<bt:Set Name="Mailbox"\/>/);
  });

  test('the compose button: Sales Tools on the default tab, showing the task pane, pinnable', () => {
    const surface = source.slice(source.indexOf('MessageComposeCommandSurface'));
    expect(surface).toMatch(/<OfficeTab id="TabDefault">/);
    expect(surface).toMatch(
      /<Action xsi:type="ShowTaskpane">[\s\S]*<SupportsPinning>true<\/SupportsPinning>/,
    );
    const labelId = /<Control xsi:type="Button"[^>]*>\s*<Label resid="([^"]+)"/.exec(surface)?.[1];
    expect(source).toContain(`<bt:String id="${labelId}" DefaultValue="Sales Tools"/>`);
  });

  test('icons 16, 32 and 80 px (and 64, 128) exist in assets/ at those sizes', () => {
    for (const size of [16, 32, 64, 80, 128]) {
      const png = readFileSync(path.join(repo, 'assets', `icon-${size}.png`));
      expect(png.readUInt32BE(16)).toBe(size); // IHDR width
      expect(png.readUInt32BE(20)).toBe(size); // IHDR height
      expect(source).toContain(`/assets/icon-${size}.png`);
    }
  });

  test('every URL is rewritten to ADDIN_BASE_URL, and the result still validates', async () => {
    const base = manifestTools.addinBaseUrl({ ADDIN_BASE_URL: 'https://sales.contoso.com/' });
    expect(base).toBe('https://sales.contoso.com');
    const built = manifestTools.rewriteManifest(source, base);
    expect(built).not.toContain(manifestTools.SOURCE_BASE_URL);
    expect(built).toContain('<SourceLocation DefaultValue="https://sales.contoso.com/taskpane.html"/>');
    expect(built).toContain('<AppDomain>https://sales.contoso.com</AppDomain>');
    expect(await manifestTools.validateManifest(built, schemaDir())).toEqual([]);
  });

  test('ADDIN_BASE_URL: the dev server by default; plain http or a path is refused with a clear message', () => {
    expect(manifestTools.addinBaseUrl({})).toBe('https://localhost:3001');
    expect(() => manifestTools.addinBaseUrl({ ADDIN_BASE_URL: 'http://sales.contoso.com' })).toThrow(/https/);
    expect(() => manifestTools.addinBaseUrl({ ADDIN_BASE_URL: 'https://x.example/addin' })).toThrow(
      /without a path/,
    );
    expect(() => manifestTools.addinBaseUrl({ ADDIN_BASE_URL: 'not a url' })).toThrow(/absolute/);
  });

  test('event-based activation: OnNewMessageCompose and OnMessageRecipientsChanged, the HTML and JavaScript runtimes', () => {
    const host = source.slice(source.indexOf('<Host xsi:type="MailHost">'));
    expect(host).toMatch(
      /<Runtimes>\s*<Runtime resid="WebViewRuntime.Url">\s*<Override type="javascript" resid="JSRuntime.Url"\/>/,
    );
    const launch = host.slice(host.indexOf('xsi:type="LaunchEvent"'));
    expect(launch).toContain(
      '<LaunchEvent Type="OnMessageRecipientsChanged" FunctionName="onMessageRecipientsChangedHandler"/>',
    );
    expect(launch).toContain(
      '<LaunchEvent Type="OnNewMessageCompose" FunctionName="onNewMessageComposeHandler"/>',
    );
    expect(launch).toMatch(/<\/LaunchEvents>\s*<SourceLocation resid="WebViewRuntime.Url"\/>/);
    expect(source).toContain(
      '<bt:Url id="WebViewRuntime.Url" DefaultValue="https://localhost:3001/commands.html"/>',
    );
    expect(source).toContain(
      '<bt:Url id="JSRuntime.Url" DefaultValue="https://localhost:3001/commands.js"/>',
    );
    // The function names the commands bundle associates, and the button its notification opens.
    const commands = readFileSync(path.join(repo, 'src/addin/commands/commands.ts'), 'utf8');
    for (const name of ['onMessageRecipientsChangedHandler', 'onNewMessageComposeHandler'])
      expect(commands).toContain(`associate('${name}'`);
    expect(source).toContain('id="msgComposeOpenPaneButton"');
  });

  test('the validation knows the launch events: an unknown event type is reported', async () => {
    const broken = source.replace('Type="OnMessageRecipientsChanged"', 'Type="OnRecipientsTyped"');
    const errors = await manifestTools.validateManifest(broken, schemaDir());
    expect(errors.join('\n')).toMatch(/OnRecipientsTyped/);
  });

  test('reading mail: a pinnable Sales Tools button on the read surface, and the read form', () => {
    const read = source.slice(source.indexOf('xsi:type="MessageReadCommandSurface"'));
    expect(read).toMatch(/<Label resid="TaskpaneButton.Label"\/>/);
    expect(read).toMatch(/<Action xsi:type="ShowTaskpane">[\s\S]*?<SupportsPinning>true<\/SupportsPinning>/);
    expect(source).toContain('<Rule xsi:type="ItemIs" ItemType="Message" FormType="Read"/>');
    expect(source).toContain('<Form xsi:type="ItemRead">');
  });
});
