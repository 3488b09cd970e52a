/* global URL, Buffer */
// The Microsoft 365 unified app manifest (manifest.json) and its package (.zip: the manifest and
// its two icons at the root), built from addin-definitions.js for one base URL.
const fs = require('node:fs');
const path = require('node:path');
const { ADDIN, PAGES } = require('./addin-definitions');
const { zipFiles } = require('./zip');

const MANIFEST_VERSION = '1.24';
const SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
const PANE_ACTION = 'openSalesPane';

const mailbox = (minVersion) => ({ capabilities: [{ name: 'Mailbox', minVersion }] });

/** manifest.json for `baseUrl` (an origin, as addinBaseUrl returns it). */
function unifiedManifest(baseUrl) {
  const url = (p) => `${baseUrl}${p}`;
  const icons = ADDIN.iconSizes.map((size) => ({ size, url: url(`/assets/icon-${size}.png`) }));
  const ribbon = (command) => ({
    requirements: mailbox(ADDIN.mailboxMinVersion),
    contexts: [command.context],
    tabs: [
      {
        builtInTabId: 'TabDefault',
        groups: [
          {
            id: command.groupId,
            label: ADDIN.groupLabel,
            icons,
            controls: [
              {
                id: command.controlId,
                type: 'button',
                label: ADDIN.buttonLabel,
                icons,
                supertip: { title: ADDIN.buttonLabel, description: command.tooltip },
                actionId: PANE_ACTION,
              },
            ],
          },
        ],
      },
    ],
  });
  return {
    $schema: SCHEMA_URL,
    manifestVersion: MANIFEST_VERSION,
    version: ADDIN.version,
    id: ADDIN.id,
    localizationInfo: { defaultLanguageTag: 'en-us' },
    developer: {
      name: ADDIN.name,
      websiteUrl: url(PAGES.website),
      privacyUrl: url(PAGES.website),
      termsOfUseUrl: url(PAGES.website),
    },
    name: { short: ADDIN.name, full: ADDIN.name },
    description: { short: ADDIN.shortDescription, full: ADDIN.description },
    icons: { color: ADDIN.packageIcons.color, outline: ADDIN.packageIcons.outline },
    accentColor: ADDIN.accentColor,
    validDomains: [new URL(baseUrl).host, 'login.microsoftonline.com'],
    authorization: {
      permissions: { resourceSpecific: [{ name: ADDIN.permission.unified, type: 'Delegated' }] },
    },
    extensions: [
      {
        requirements: { scopes: ['mail'], ...mailbox(ADDIN.mailboxMinVersion) },
        runtimes: [
          {
            requirements: mailbox(ADDIN.mailboxMinVersion),
            id: 'TaskPaneRuntime',
            type: 'general',
            code: { page: url(PAGES.taskpane) },
            lifetime: 'short',
            actions: [{ id: PANE_ACTION, type: 'openPage', view: 'dashboard', pinnable: true }],
          },
          {
            // The HTML page everywhere, the script alone in classic Outlook on Windows.
            requirements: mailbox(ADDIN.eventsMinVersion),
            id: 'EventRuntime',
            type: 'general',
            code: { page: url(PAGES.commandsPage), script: url(PAGES.commandsScript) },
            lifetime: 'short',
            actions: ADDIN.launchEvents.map((event) => ({ id: event.handler, type: 'executeFunction' })),
          },
        ],
        ribbons: ADDIN.commands.map(ribbon),
        autoRunEvents: [
          {
            requirements: mailbox(ADDIN.eventsMinVersion),
            events: ADDIN.launchEvents.map((event) => ({ type: event.unified, actionId: event.handler })),
          },
        ],
      },
    ],
  };
}

/** The package Outlook and the admin center accept: manifest.json and the icons it names. */
function manifestPackage(baseUrl, assetsDir) {
  const manifest = unifiedManifest(baseUrl);
  return zipFiles([
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    ...Object.values(manifest.icons).map((name) => ({
      name,
      data: fs.readFileSync(path.join(assetsDir, name)),
    })),
  ]);
}

/** The JSON schema of MANIFEST_VERSION, as @microsoft/app-manifest ships it (no network). */
function unifiedManifestSchema() {
  const dir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = path.join(dir, `build/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Schema errors of `manifest` (empty when valid), offline. */
async function validateUnifiedManifest(manifest) {
  const { AppManifestUtils } = require('@microsoft/app-manifest');
  return AppManifestUtils.validateAgainstSchema(manifest, unifiedManifestSchema());
}

module.exports = { unifiedManifest, manifestPackage, validateUnifiedManifest, MANIFEST_VERSION };
