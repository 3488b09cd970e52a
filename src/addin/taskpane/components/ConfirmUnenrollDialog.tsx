import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  Spinner,
} from '@fluentui/react-components';
import { useConfirmUnenrollDialogStyles } from './ConfirmUnenrollDialog.styles';

export interface ConfirmUnenrollDialogProps {
  open: boolean;
  title: string;
  /** What will happen, in a sentence. */
  description: string;
  /** The people concerned, listed when there are several. */
  names?: string[];
  busy?: boolean;
  error?: string | null;
  onConfirm(): void;
  onCancel(): void;
}

/** The confirmation before an unenroll (one contact or all enrolled recipients): **Unenroll** or **Cancel**. */
export function ConfirmUnenrollDialog(props: ConfirmUnenrollDialogProps) {
  const styles = useConfirmUnenrollDialogStyles();
  return (
    <Dialog
      open={props.open}
      modalType="alert"
      onOpenChange={(_event, data) => {
        if (!data.open && !props.busy) props.onCancel();
      }}
    >
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>{props.title}</DialogTitle>
          <DialogContent>
            {props.description}
            {props.names && props.names.length > 1 && (
              <ul className={styles.names}>
                {props.names.map((name) => (
                  <li key={name}>{name}</li>
                ))}
              </ul>
            )}
            {props.error && (
              <MessageBar intent="error" className={styles.error}>
                <MessageBarBody>{props.error}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabled={props.busy}
              icon={props.busy ? <Spinner size="tiny" /> : undefined}
              onClick={props.onConfirm}
            >
              Unenroll
            </Button>
            <Button appearance="secondary" disabled={props.busy} onClick={props.onCancel}>
              Cancel
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
