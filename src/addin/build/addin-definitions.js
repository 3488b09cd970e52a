// What manifest.xml and the unified manifest.json both declare: one list, two formats
// (docs/architecture.md, "Two manifests"). manifest.xml is checked against it (xml-agreement.js);
// manifest.json is generated from it (unified-manifest.js).

/** Paths under the base URL (ADDIN_BASE_URL). */
const PAGES = {
  taskpane: '/taskpane.html',
  commandsPage: '/commands.html',
  commandsScript: '/commands.js',
  website: '/app',
};

const ADDIN = {
  id: '6b7e3f0c-5a44-4c1e-9d1e-2f3b8a7c9d10',
  version: '1.0.0',
  name: 'Sales Tools',
  description:
    'See which recipients are enrolled in a sales sequence, and unenroll them, while you write.',
  /** The unified manifest's short description (80 characters at most). */
  shortDescription: 'Which recipients are in a sales sequence, while you write.',
  /** The rest of the add-in runs from Mailbox 1.3; the launch events need 1.10. */
  mailboxMinVersion: '1.3',
  eventsMinVersion: '1.10',
  /** ReadWriteItem in XML is MailboxItem.ReadWrite.User in the unified manifest. */
  permission: { xml: 'ReadWriteItem', unified: 'MailboxItem.ReadWrite.User' },
  groupLabel: 'Sales Tools',
  buttonLabel: 'Sales Tools',
  /** The two command surfaces: one button each, opening the task pane, pinnable. */
  commands: [
    {
      xmlSurface: 'MessageComposeCommandSurface',
      context: 'mailCompose',
      groupId: 'msgComposeGroup',
      controlId: 'msgComposeOpenPaneButton',
      tooltip:
        'Open the Sales panel: see which recipients are enrolled in a sequence, and unenroll them.',
    },
    {
      xmlSurface: 'MessageReadCommandSurface',
      context: 'mailRead',
      groupId: 'msgReadGroup',
      controlId: 'msgReadOpenPaneButton',
      tooltip:
        'Open the Sales panel: see whether the sender and the other recipients are enrolled in a sequence.',
    },
  ],
  /** Launch events: XML type, unified type, and the handler commands.ts associates. */
  launchEvents: [
    { xml: 'OnNewMessageCompose', unified: 'newMessageComposeCreated', handler: 'onNewMessageComposeHandler' },
    {
      xml: 'OnMessageRecipientsChanged',
      unified: 'messageRecipientsChanged',
      handler: 'onMessageRecipientsChangedHandler',
    },
  ],
  /** Ribbon icon sizes (assets/icon-<size>.png). */
  iconSizes: [16, 32, 80],
  /** The unified manifest's own icons, in assets/ and at the zip's root under these names. */
  packageIcons: { color: 'icon-color-192.png', outline: 'icon-outline-32.png' },
  accentColor: '#0F6CBD',
};

module.exports = { ADDIN, PAGES };
