import { makeStyles, tokens } from '@fluentui/react-components';

export const useScreenSkeletonStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXXL}`,
    width: '100%',
    maxWidth: '1400px',
    boxSizing: 'border-box',
  },
  title: { width: '240px' },
});
