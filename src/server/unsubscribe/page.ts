/**
 * The unsubscribe pages: plain HTML that works without JavaScript, with a
 * language, one heading, and a real form button, readable in light and dark
 * mode (system colours) and at any zoom.
 */

export interface PageContent {
  title: string;
  heading: string;
  paragraphs: string[];
  /** A form that POSTs to `action` with one button. */
  form?: { action: string; button: string };
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

/** `ann.lee@fabrikam.example` → `a•••@fabrikam.example`: enough to recognise, not to harvest. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; }
  body { margin: 0; background: Canvas; color: CanvasText; }
  main { max-width: 34rem; margin: 12vh auto; padding: 0 1.5rem; }
  h1 { font-size: 1.6rem; line-height: 1.25; }
  button { font: inherit; font-weight: 600; padding: 0.6rem 1.4rem; border-radius: 0.3rem; cursor: pointer;
           color: #ffffff; background: #0f6cbd; border: 2px solid #0f6cbd; }
  button:hover { background: #115ea3; }
  button:focus-visible { outline: 3px solid CanvasText; outline-offset: 2px; }`;

export function renderPage(content: PageContent): string {
  const paragraphs = content.paragraphs.map((text) => `    <p>${escapeHtml(text)}</p>`).join('\n');
  const form = content.form
    ? `
    <form method="post" action="${escapeHtml(content.form.action)}">
      <input type="hidden" name="List-Unsubscribe" value="One-Click">
      <button type="submit">${escapeHtml(content.form.button)}</button>
    </form>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>${escapeHtml(content.title)}</title>
  <style>${STYLE}
  </style>
</head>
<body>
  <main>
    <h1>${escapeHtml(content.heading)}</h1>
${paragraphs}${form}
  </main>
</body>
</html>
`;
}
