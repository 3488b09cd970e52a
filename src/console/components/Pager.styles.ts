import { makeStyles, tokens } from '@fluentui/react-components';

export const usePagerStyles = makeStyles({
  root: { display: 'flex', gap: tokens.spacingHorizontalS, justifyContent: 'flex-end' },
});
