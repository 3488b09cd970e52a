import { makeStyles, tokens } from '@fluentui/react-components';

export const useEnrollmentsStyles = makeStyles({
  toolbar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'end' },
  selection: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    minHeight: '32px',
  },
  check: { width: '44px' },
  actions: { width: '110px' },
});
