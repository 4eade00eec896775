import {
  FormEvent,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useState,
} from 'react';
import {
  Content,
  ErrorPanel,
  Header,
  InfoCard,
  Page,
  Progress,
  ProxiedSignInPage,
} from '@backstage/core-components';
import {
  ConfigApi,
  configApiRef,
  IdentityApi,
  useApi,
} from '@backstage/frontend-plugin-api';
import type { SignInPageProps } from '@backstage/plugin-app-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  clearSignInChoice,
  isValidCatalogUserName,
  loadSignInChoice,
  saveSignInChoice,
  SignInChoice,
} from './storage';

/** The header that carries the catalog user name to the backend's development provider. */
export const DEVELOPMENT_USER_HEADER = 'x-development-user';

/** A demo persona offered on the sign-in page (`app.developmentSignIn.users`). */
export type DevelopmentPersona = {
  /** The catalog User entity name, e.g. `emma.bernard`. */
  name: string;
  /** What the button shows, e.g. `Emma Bernard`. */
  title: string;
  /** The persona's group, shown after the title, e.g. `finance`. */
  group?: string;
};

/**
 * Reads `app.developmentSignIn`; undefined when it is not configured (production)
 * or `enabled: false`, which hides the catalog-user sign-in.
 */
export function readDevelopmentSignIn(
  config: ConfigApi,
): { users: DevelopmentPersona[] } | undefined {
  const section = config.getOptionalConfig('app.developmentSignIn');
  if (!section || section.getOptionalBoolean('enabled') === false) {
    return undefined;
  }
  const users = (section.getOptionalConfigArray('users') ?? []).map(user => ({
    name: user.getString('name'),
    title: user.getOptionalString('title') ?? user.getString('name'),
    group: user.getOptionalString('group'),
  }));
  return { users };
}

/** The label of a persona's button, e.g. `Emma Bernard — finance`. */
export function personaLabel(persona: DevelopmentPersona): string {
  return persona.group ? `${persona.title} — ${persona.group}` : persona.title;
}

/**
 * The backend's own words when there are some: a refused sign-in arrives as a
 * ResponseError ("Request failed with 403 Forbidden") whose cause carries the
 * provider's message ("Development sign-in refused: there is no catalog user ...").
 */
function explain(error: Error): Error {
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error && cause.message) {
    return cause;
  }
  if (
    typeof cause === 'object' &&
    cause !== null &&
    typeof (cause as { message?: unknown }).message === 'string'
  ) {
    return new Error((cause as { message: string }).message);
  }
  return error;
}

function describeChoice(choice: SignInChoice): string {
  return choice.provider === 'guest' ? 'the guest' : choice.userName;
}

/** Clears the remembered choice when the user signs out, so that the chooser shows again. */
function forgetChoiceOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      clearSignInChoice();
      await identity.signOut();
    },
  };
}

/** Signs in with one choice through its proxied provider (`/api/auth/<provider>/refresh`). */
function SignInWithChoice(props: {
  choice: SignInChoice;
  onSignInSuccess: (identity: IdentityApi) => void;
  onSignInFailure: (error: Error) => void;
}) {
  const { choice, onSignInSuccess, onSignInFailure } = props;

  const ReportFailure = useMemo(
    () =>
      function ReportSignInFailure({ error }: { error?: Error }) {
        useEffect(() => {
          onSignInFailure(error ?? new Error('Sign-in failed'));
        }, [error]);
        return null;
      },
    [onSignInFailure],
  );

  const handleSuccess = useCallback(
    (identity: IdentityApi) => {
      saveSignInChoice(choice);
      onSignInSuccess(forgetChoiceOnSignOut(identity));
    },
    [choice, onSignInSuccess],
  );

  return (
    <ProxiedSignInPage
      provider={choice.provider}
      headers={
        choice.provider === 'development'
          ? { [DEVELOPMENT_USER_HEADER]: choice.userName }
          : undefined
      }
      onSignInSuccess={handleSuccess}
      ErrorComponent={ReportFailure}
    />
  );
}

function CatalogUserCard(props: {
  users: DevelopmentPersona[];
  onChoose: (userName: string) => void;
}) {
  const { users, onChoose } = props;
  const [userName, setUserName] = useState('');
  const [invalid, setInvalid] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = userName.trim();
    if (!isValidCatalogUserName(name)) {
      setInvalid(true);
      return;
    }
    onChoose(name);
  };

  return (
    <InfoCard title="Sign in as a catalog user (development)">
      <Typography variant="body1" paragraph>
        Signs in as a User of the catalog, with its groups, through the
        development provider: no password, for local demos and tests only.
        Production configures a real sign-in provider instead.
      </Typography>
      {users.length > 0 && (
        <Box
          display="flex"
          flexWrap="wrap"
          gridGap={8}
          mb={2}
          role="group"
          aria-label="Demo personas"
        >
          {users.map(user => (
            <Button
              key={user.name}
              variant="outlined"
              color="primary"
              title={`user:default/${user.name}`}
              onClick={() => onChoose(user.name)}
            >
              {personaLabel(user)}
            </Button>
          ))}
        </Box>
      )}
      <form onSubmit={submit} noValidate>
        <Box display="flex" alignItems="flex-start" gridGap={8}>
          <TextField
            id="development-sign-in-user-name"
            label="Catalog user name"
            placeholder="emma.bernard"
            size="small"
            variant="outlined"
            value={userName}
            error={invalid}
            helperText={
              invalid ? 'Not a catalog user name (e.g. emma.bernard)' : ' '
            }
            onChange={event => {
              setUserName(event.target.value);
              setInvalid(false);
            }}
          />
          <Button type="submit" variant="contained" color="primary">
            Sign in as catalog user
          </Button>
        </Box>
      </form>
    </InfoCard>
  );
}

/**
 * The app's sign-in page: the development guest ("Enter") and, where
 * `app.developmentSignIn` is configured, sign-in as a catalog user through the
 * backend's `development` provider. The choice is kept in localStorage so that a
 * reload signs in again silently; signing out forgets it and shows this page.
 */
export function DevelopmentSignInPage(props: SignInPageProps) {
  const { onSignInSuccess } = props;
  const configApi = useApi(configApiRef);
  const title = configApi.getOptionalString('app.title') ?? 'Backstage';
  const developmentSignIn = useMemo(
    () => readDevelopmentSignIn(configApi),
    [configApi],
  );

  const [choice, setChoice] = useState<SignInChoice | undefined>(() => {
    const remembered = loadSignInChoice();
    if (remembered?.provider === 'development' && !developmentSignIn) {
      return undefined;
    }
    return remembered;
  });
  const [failure, setFailure] = useState<
    { choice: SignInChoice; error: Error } | undefined
  >();

  const handleFailure = useCallback(
    (error: Error) => {
      clearSignInChoice();
      if (choice) {
        setFailure({ choice, error: explain(error) });
      }
      setChoice(undefined);
    },
    [choice],
  );

  const choose = (next: SignInChoice) => {
    setFailure(undefined);
    setChoice(next);
  };

  return (
    <Page themeId="home">
      <Header title={title} subtitle="Sign in" />
      <Content>
        {choice ? (
          // ProxiedSignInPage may suspend (translations) on its first render.
          <Suspense fallback={<Progress />}>
            <SignInWithChoice
              key={JSON.stringify(choice)}
              choice={choice}
              onSignInSuccess={onSignInSuccess}
              onSignInFailure={handleFailure}
            />
          </Suspense>
        ) : (
          <Grid container spacing={3}>
            {failure && (
              <Grid item xs={12}>
                <ErrorPanel
                  title={`Could not sign in as ${describeChoice(
                    failure.choice,
                  )}`}
                  error={failure.error}
                  defaultExpanded
                />
              </Grid>
            )}
            <Grid item xs={12} md={4}>
              <InfoCard
                title="Guest"
                actions={
                  <Button
                    color="primary"
                    variant="outlined"
                    onClick={() => choose({ provider: 'guest' })}
                  >
                    Enter
                  </Button>
                }
              >
                <Typography variant="body1">
                  The development guest (user:development/guest): not a catalog
                  user, member of no group.
                </Typography>
              </InfoCard>
            </Grid>
            {developmentSignIn && (
              <Grid item xs={12} md={8}>
                <CatalogUserCard
                  users={developmentSignIn.users}
                  onChoose={userName =>
                    choose({ provider: 'development', userName })
                  }
                />
              </Grid>
            )}
          </Grid>
        )}
      </Content>
    </Page>
  );
}
