// manifest.xml stays a hand-written file (sideloading and the XSD check read it as it is); this
// holds it to addin-definitions.js, so the two manifests cannot drift (the build and a test run it).
const { ADDIN, PAGES } = require('./addin-definitions');

const escapeXml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** What manifest.xml (at `baseUrl`) declares differently from the definitions; empty when in step. */
function xmlDisagreements(xml, baseUrl) {
  const problems = [];
  const expect = (fragment, what) => {
    if (!xml.includes(fragment)) problems.push(`manifest.xml: ${what} (expected ${fragment})`);
  };
  expect(`<Id>${ADDIN.id}</Id>`, 'the add-in id');
  expect(`<Version>${ADDIN.version}.0</Version>`, 'the version');
  expect(`<DisplayName DefaultValue="${escapeXml(ADDIN.name)}"/>`, 'the name');
  expect(`<Description DefaultValue="${escapeXml(ADDIN.description)}"/>`, 'the description');
  expect(`<Permissions>${ADDIN.permission.xml}</Permissions>`, 'the permission');
  expect(`<Set Name="Mailbox" MinVersion="${ADDIN.mailboxMinVersion}"/>`, 'the Mailbox requirement');
  expect(`<bt:Sets DefaultMinVersion="${ADDIN.mailboxMinVersion}">`, 'the commands’ Mailbox requirement');
  expect(`<bt:Url id="Taskpane.Url" DefaultValue="${baseUrl}${PAGES.taskpane}"/>`, 'the task pane');
  expect(`<bt:Url id="WebViewRuntime.Url" DefaultValue="${baseUrl}${PAGES.commandsPage}"/>`, 'the HTML runtime');
  expect(`<bt:Url id="JSRuntime.Url" DefaultValue="${baseUrl}${PAGES.commandsScript}"/>`, 'the JavaScript runtime');
  expect(`<bt:String id="GroupLabel" DefaultValue="${escapeXml(ADDIN.groupLabel)}"/>`, 'the group label');
  expect(`<bt:String id="TaskpaneButton.Label" DefaultValue="${escapeXml(ADDIN.buttonLabel)}"/>`, 'the button label');
  for (const size of ADDIN.iconSizes) expect(`${baseUrl}/assets/icon-${size}.png`, `the ${size} px icon`);

  const surfaces = [...xml.matchAll(/<ExtensionPoint xsi:type="(\w+CommandSurface)">/g)].map((m) => m[1]);
  const declared = ADDIN.commands.map((command) => command.xmlSurface);
  if (surfaces.join() !== declared.join())
    problems.push(`manifest.xml: command surfaces ${surfaces.join(', ')}, expected ${declared.join(', ')}`);
  for (const command of ADDIN.commands) {
    const start = xml.indexOf(`<ExtensionPoint xsi:type="${command.xmlSurface}">`);
    const surface = start < 0 ? '' : xml.slice(start, xml.indexOf('</ExtensionPoint>', start));
    for (const fragment of [
      `<Group id="${command.groupId}">`,
      `<Control xsi:type="Button" id="${command.controlId}">`,
      '<Action xsi:type="ShowTaskpane">',
      '<SourceLocation resid="Taskpane.Url"/>',
      '<SupportsPinning>true</SupportsPinning>',
    ])
      if (!surface.includes(fragment)) problems.push(`manifest.xml: ${command.xmlSurface} lacks ${fragment}`);
    const tip = /<Description resid="([^"]+)"\/>/.exec(surface)?.[1];
    expect(`<bt:String id="${tip}" DefaultValue="${escapeXml(command.tooltip)}"/>`, `${command.xmlSurface}'s tooltip`);
  }

  const events = [...xml.matchAll(/<LaunchEvent Type="(\w+)" FunctionName="(\w+)"\/>/g)].map((m) => `${m[1]}=${m[2]}`);
  const declaredEvents = ADDIN.launchEvents.map((event) => `${event.xml}=${event.handler}`);
  if (events.join() !== declaredEvents.join())
    problems.push(`manifest.xml: launch events ${events.join(', ')}, expected ${declaredEvents.join(', ')}`);
  return problems;
}

module.exports = { xmlDisagreements };
