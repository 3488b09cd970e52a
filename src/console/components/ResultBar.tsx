import { MessageBar, MessageBarBody, MessageBarActions, Button } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useEffect, useRef } from 'react';

export interface Result {
  intent: 'success' | 'error' | 'info';
  text: string;
  /** Changes with every result, so the same text twice still moves the focus. */
  key: number;
}

/** What an action did; the focus moves here after it (issue 10, item 9). */
export function ResultBar({ result, onDismiss }: { result: Result | null; onDismiss(): void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (result) ref.current?.focus();
  }, [result]);
  if (!result) return null;
  return (
    <MessageBar intent={result.intent} ref={ref} tabIndex={-1} role="status">
      <MessageBarBody>{result.text}</MessageBarBody>
      <MessageBarActions
        containerAction={
          <Button
            appearance="transparent"
            aria-label="Dismiss"
            icon={<DismissRegular />}
            onClick={onDismiss}
          />
        }
      />
    </MessageBar>
  );
}
