import { Typography } from '@material-ui/core';
import { FirstLimit } from '@internal/plugin-eks-platform-common';
import { LIMIT_LABELS } from './format';

/** "First limit: Memory at 1.8× today's requests" and why. */
export const FirstLimitVerdict = ({ limit }: { limit?: FirstLimit }) => {
  if (!limit) {
    return (
      <Typography variant="body2">
        First limit: unknown (needs node group sizes from AWS)
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="subtitle1">
        First limit: {LIMIT_LABELS[limit.resource]}
        {limit.atScale !== undefined
          ? ` at ${limit.atScale}× today's requests`
          : ''}
        {limit.atNodes !== undefined
          ? ` (${limit.nodeGroup}, ${limit.atNodes} nodes)`
          : ''}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {limit.explanation}
      </Typography>
    </>
  );
};
