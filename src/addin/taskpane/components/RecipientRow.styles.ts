import { makeStyles, shorthands, tokens } from '@fluentui/react-components';

export const useRecipientRowStyles = makeStyles({
  row: {
    display: 'grid',
    gridTemplateColumns: 'auto minmax(0, 1fr) auto',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    listStyleType: 'none',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  text: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  name: {
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground1,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  email: {
    alignSelf: 'flex-start',
    maxWidth: '100%',
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground3,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  actions: {
    gridColumn: '2 / 4',
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
  },
  why: { gridColumn: '2 / 4', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  // Fluent's semantic status tokens: calm in the light theme, legible in the dark one.
  enrolledBadge: {
    backgroundColor: tokens.colorStatusWarningBackground1,
    color: tokens.colorStatusWarningForeground3,
    ...shorthands.borderColor(tokens.colorStatusWarningBorder1),
  },
  badgeSkeleton: { width: '64px' },
});
