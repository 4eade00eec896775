import { makeStyles, Typography } from '@material-ui/core';

const useStyles = makeStyles({
  title: {
    color: '#7df3e1',
    fontWeight: 700,
    whiteSpace: 'nowrap',
  },
});

/** The product name in the open sidebar. */
export const LogoFull = () => {
  const classes = useStyles();
  return (
    <Typography variant="h5" component="span" className={classes.title}>
      EKS Platform
    </Typography>
  );
};
