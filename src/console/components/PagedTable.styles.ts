import { makeStyles, tokens } from '@fluentui/react-components';

export const usePagedTableStyles = makeStyles({
  box: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow4,
    overflowX: 'auto',
  },
});
