import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';

/** A screen's data did not load: what happened, and Retry. */
export function LoadFailure({ what, message, retry }: { what: string; message: string; retry(): void }) {
  return (
    <MessageBar intent="error">
      <MessageBarBody>
        <MessageBarTitle>{what} could not be loaded</MessageBarTitle>
        {message}
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={retry}>Retry</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
