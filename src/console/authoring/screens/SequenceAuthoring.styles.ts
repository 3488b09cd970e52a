import { makeStyles, tokens } from '@fluentui/react-components';

export const useSequenceAuthoringStyles = makeStyles({
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
});
