import { makeStyles, tokens } from '@fluentui/react-components';

export const useTasksScreenStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});
