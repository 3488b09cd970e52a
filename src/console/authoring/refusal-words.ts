/** E2's refusals in a rep's words (the server's message names the address and the sequence). */
export function refusalWords(code: string | undefined, message: string): string {
  switch (code) {
    case 'contact_enrolled':
      return message || 'Already enrolled in a sequence: unenroll first to enroll again.';
    case 'contact_opted_out':
      return 'Unsubscribed from sequence emails: cannot be enrolled.';
    case 'address_bounced':
      return 'Email to this address bounced: cannot be enrolled.';
    case 'not_found':
      return 'This contact no longer exists.';
    default:
      return message;
  }
}
