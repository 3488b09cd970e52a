/// <reference types="office-js" />
import type { OfficeApi } from './recipients';
import type { ThemeKind, UserProfile } from './types';

/** The signed-in Outlook user (`Office.context.mailbox.userProfile`). */
export function userProfile(office: OfficeApi): UserProfile {
  const profile = office.context.mailbox.userProfile;
  return { email: profile.emailAddress, displayName: profile.displayName || profile.emailAddress };
}

/** Relative luminance of a `#rrggbb` colour, 0 (black) to 1 (white). */
function luminance(hex: string): number | undefined {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!match) return undefined;
  const [r, g, b] = match.slice(1).map((part) => {
    const c = parseInt(part, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Light or dark, following Outlook (SPEC O5). `officeTheme.isDarkTheme` is recent; older
 * hosts only give colours, so a dark body background means a dark theme.
 */
export function themeKind(office: OfficeApi): ThemeKind {
  const theme = office.context.officeTheme as Partial<Office.OfficeTheme> | undefined;
  if (!theme) return 'light';
  if (typeof theme.isDarkTheme === 'boolean') return theme.isDarkTheme ? 'dark' : 'light';
  const body = theme.bodyBackgroundColor ? luminance(theme.bodyBackgroundColor) : undefined;
  return body !== undefined && body < 0.2 ? 'dark' : 'light';
}

/** The Office global, once Office.js has loaded and said it is ready. */
export async function officeReady(): Promise<OfficeApi> {
  if (typeof Office === 'undefined') {
    throw new Error('Office.js did not load: open Sales Tools from Outlook (or use /preview)');
  }
  await Office.onReady();
  return Office;
}

/** Whether the host implements a requirement set (e.g. `NestedAppAuth` 1.1). */
export function isSetSupported(office: OfficeApi, name: string, version: string): boolean {
  return office.context.requirements.isSetSupported(name, version);
}
