import { ReactNode } from 'react';
import { Box, Typography } from '@material-ui/core';
import { eksPlatformCostReadPermission } from '@internal/plugin-eks-platform-common';

/** A bordered panel with a heading: the explanations the cost views give instead of figures. */
export function CostMessagePanel(props: {
  title: string;
  message: ReactNode;
  compact?: boolean;
  testId?: string;
  children?: ReactNode;
}) {
  return (
    <Box
      border={1}
      borderColor="divider"
      borderRadius={4}
      p={props.compact ? 1.5 : 3}
      data-testid={props.testId}
    >
      <Typography
        variant={props.compact ? 'subtitle1' : 'h6'}
        component="h2"
        gutterBottom
      >
        {props.title}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {props.message}
      </Typography>
      {props.children}
    </Box>
  );
}

export const NOT_PERMITTED_TITLE = 'Not permitted to view cost';

/** What a viewer without `eks-platform.cost.read` sees instead of figures. */
export function NotPermittedPanel({ compact }: { compact?: boolean }) {
  return (
    <CostMessagePanel
      compact={compact}
      testId="cost-not-permitted"
      title={NOT_PERMITTED_TITLE}
      message={`You don't have permission to see AWS cost (${eksPlatformCostReadPermission.name}). Ask the platform team or finance.`}
    />
  );
}
