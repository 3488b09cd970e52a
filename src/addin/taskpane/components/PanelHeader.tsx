import { Avatar, Button, Tooltip } from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import { usePanelHeaderStyles } from './PanelHeader.styles';

export interface PanelHeaderProps {
  user: { name: string; email: string };
  onRefresh(): void;
  refreshing?: boolean;
}

/** The panel's title, the signed-in user, and a refresh button. */
export function PanelHeader({ user, onRefresh, refreshing }: PanelHeaderProps) {
  const styles = usePanelHeaderStyles();
  return (
    <header className={styles.header}>
      <Avatar name={user.name} size={32} aria-hidden />
      <div className={styles.who}>
        <h1 className={styles.title}>Sales Tools</h1>
        <span className={styles.user} aria-label={`Signed in as ${user.name} (${user.email})`}>
          {user.name} · {user.email}
        </span>
      </div>
      <Tooltip content="Look up the recipients again" relationship="description">
        <Button
          appearance="subtle"
          icon={<ArrowClockwiseRegular />}
          aria-label="Refresh"
          disabled={refreshing}
          onClick={onRefresh}
        />
      </Tooltip>
    </header>
  );
}
