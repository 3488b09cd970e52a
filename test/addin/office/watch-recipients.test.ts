import { watchRecipients } from '../../../src/addin/office/watch-recipients';
import { mockOutlook } from './office-mock';

describe('watching the recipients (SPEC O2)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test('Mailbox 1.7: RecipientsChanged, debounced — a burst of events is one refresh', () => {
    const outlook = mockOutlook({ mailbox: '1.13' });
    const onChange = jest.fn();
    const stop = watchRecipients(outlook.office, onChange, { debounceMs: 200 });
    expect(outlook.itemHandlers.has('olkRecipientsChanged')).toBe(true);

    outlook.fireRecipientsChanged({ to: true });
    jest.advanceTimersByTime(100);
    outlook.fireRecipientsChanged({ cc: true });
    jest.advanceTimersByTime(199);
    expect(onChange).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(onChange).toHaveBeenCalledTimes(1);

    stop();
    expect(outlook.itemHandlers.has('olkRecipientsChanged')).toBe(false);
    outlook.fireRecipientsChanged();
    jest.advanceTimersByTime(1000);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  test('pinned pane: ItemChanged registers the item handler again and refreshes', () => {
    const outlook = mockOutlook({ mailbox: '1.7' });
    const onChange = jest.fn();
    watchRecipients(outlook.office, onChange, { debounceMs: 50 });
    expect(outlook.calls.itemAdds).toBe(1);
    expect(outlook.mailboxHandlers.has('olkItemChanged')).toBe(true);

    outlook.fireItemChanged();
    expect(outlook.calls.itemAdds).toBe(2);
    jest.advanceTimersByTime(50);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  test('before Mailbox 1.7 (feature-detected): no RecipientsChanged handler, a slow poll instead', () => {
    const outlook = mockOutlook({ mailbox: '1.5' });
    const onChange = jest.fn();
    const stop = watchRecipients(outlook.office, onChange, { debounceMs: 10, pollMs: 1000 });
    expect(outlook.calls.itemAdds).toBe(0);
    expect(outlook.mailboxHandlers.has('olkItemChanged')).toBe(true);
    jest.advanceTimersByTime(1010);
    expect(onChange).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(1000);
    expect(onChange).toHaveBeenCalledTimes(2);
    stop();
    jest.advanceTimersByTime(5000);
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  test('Mailbox 1.3 (the minimum): neither event is registered', () => {
    const outlook = mockOutlook({ mailbox: '1.3' });
    watchRecipients(outlook.office, jest.fn());
    expect(outlook.calls.itemAdds).toBe(0);
    expect(outlook.calls.mailboxAdds).toBe(0);
  });
});
