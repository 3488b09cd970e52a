/// <reference types="office-js" />
import type { OfficeApi } from './recipients';

export interface WatchOptions {
  /** Typing a name fires several events in a row; wait this long after the last one. */
  debounceMs?: number;
  /** Before Mailbox 1.7 there is no RecipientsChanged event: look again this often. */
  pollMs?: number;
}

/**
 * Calls `onChange`, debounced, whenever the recipients may have changed (SPEC O2):
 * - `RecipientsChanged` on the item, when the host supports Mailbox 1.7 (feature-detected);
 * - otherwise a slow poll (the caller compares and only looks up what changed);
 * - `ItemChanged` on the mailbox (Mailbox 1.5, fired when the pinned pane moves to another
 *   item): the item handler is registered again on the new item.
 * Returns a function that removes the handlers and timers.
 */
export function watchRecipients(
  office: OfficeApi,
  onChange: () => void,
  options: WatchOptions = {},
): () => void {
  const { debounceMs = 250, pollMs = 5000 } = options;
  const requirements = office.context.requirements;
  const hasRecipientsChanged = requirements.isSetSupported('Mailbox', '1.7');
  const hasItemChanged = requirements.isSetSupported('Mailbox', '1.5');
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const changed = () => {
    if (stopped) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (!stopped) onChange();
    }, debounceMs);
  };

  const watchItem = () => {
    const item = office.context.mailbox.item;
    if (item && hasRecipientsChanged) item.addHandlerAsync(office.EventType.RecipientsChanged, changed);
  };
  watchItem();

  const poll = hasRecipientsChanged ? undefined : setInterval(changed, pollMs);

  const itemChanged = () => {
    watchItem();
    changed();
  };
  if (hasItemChanged) office.context.mailbox.addHandlerAsync(office.EventType.ItemChanged, itemChanged);

  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    if (poll !== undefined) clearInterval(poll);
    const item = office.context.mailbox.item;
    if (item && hasRecipientsChanged) item.removeHandlerAsync(office.EventType.RecipientsChanged);
    if (hasItemChanged) office.context.mailbox.removeHandlerAsync(office.EventType.ItemChanged);
  };
}
