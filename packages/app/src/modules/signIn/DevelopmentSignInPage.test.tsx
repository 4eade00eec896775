import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { IdentityApi } from '@backstage/frontend-plugin-api';
import {
  DEVELOPMENT_USER_HEADER,
  DevelopmentSignInPage,
} from './DevelopmentSignInPage';
import { SIGN_IN_CHOICE_KEY } from './storage';

const backend = { baseUrl: 'http://localhost:7007' };
const personas = {
  backend,
  app: {
    developmentSignIn: {
      users: [
        { name: 'emma.bernard', title: 'Emma Bernard', group: 'finance' },
        { name: 'gaelle.roux', title: 'Gaëlle Roux', group: 'dpj-developers' },
      ],
    },
  },
};

function fakeToken() {
  const payload = btoa(
    JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 3600 }),
  );
  return `e30.${payload}.signature`;
}

function session(userName: string, group: string) {
  return {
    profile: { displayName: userName },
    backstageIdentity: {
      token: fakeToken(),
      identity: {
        type: 'user',
        userEntityRef: `user:default/${userName}`,
        ownershipEntityRefs: [
          `user:default/${userName}`,
          `group:default/${group}`,
        ],
      },
    },
  };
}

function jsonResponse(status: number, body: unknown): Response {
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: status === 200 ? 'OK' : 'Forbidden',
    headers: new Headers({ 'content-type': 'application/json' }),
    json: async () => body,
    text: async () => JSON.stringify(body),
  } as unknown as Response;
}

/** The header a refresh request carried. */
function headerOf(call: unknown[], name: string): string | null {
  const init = call[1] as RequestInit;
  return new Headers(init.headers).get(name);
}

describe('DevelopmentSignInPage', () => {
  const fetchMock = jest.fn();
  const originalFetch = global.fetch;

  beforeEach(() => {
    window.localStorage.clear();
    fetchMock.mockReset();
    global.fetch = fetchMock as unknown as typeof fetch;
  });

  afterAll(() => {
    global.fetch = originalFetch;
  });

  it('offers the guest and, where configured, the catalog personas', async () => {
    await renderInTestApp(
      <DevelopmentSignInPage onSignInSuccess={jest.fn()} />,
      { config: personas },
    );

    expect(screen.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
    expect(
      screen.getByText('Sign in as a catalog user (development)'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Emma Bernard — finance' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Gaëlle Roux — dpj-developers' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('textbox', { name: 'Catalog user name' }),
    ).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('offers only the guest without app.developmentSignIn', async () => {
    await renderInTestApp(
      <DevelopmentSignInPage onSignInSuccess={jest.fn()} />,
      { config: { backend } },
    );

    expect(screen.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
    expect(
      screen.queryByText('Sign in as a catalog user (development)'),
    ).not.toBeInTheDocument();
  });

  it('signs in as a persona through the development provider and remembers it', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(200, session('emma.bernard', 'finance')),
    );
    const onSignInSuccess = jest.fn();
    await renderInTestApp(
      <DevelopmentSignInPage onSignInSuccess={onSignInSuccess} />,
      { config: personas },
    );

    fireEvent.click(
      screen.getByRole('button', { name: 'Emma Bernard — finance' }),
    );

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    expect(String(fetchMock.mock.calls[0][0])).toBe(
      'http://localhost:7007/api/auth/development/refresh',
    );
    expect(headerOf(fetchMock.mock.calls[0], DEVELOPMENT_USER_HEADER)).toBe(
      'emma.bernard',
    );
    const identity: IdentityApi = onSignInSuccess.mock.calls[0][0];
    await expect(identity.getBackstageIdentity()).resolves.toEqual({
      type: 'user',
      userEntityRef: 'user:default/emma.bernard',
      ownershipEntityRefs: [
        'user:default/emma.bernard',
        'group:default/finance',
      ],
    });
    expect(
      JSON.parse(window.localStorage.getItem(SIGN_IN_CHOICE_KEY)!),
    ).toEqual({ provider: 'development', userName: 'emma.bernard' });

    await identity.signOut();
    expect(window.localStorage.getItem(SIGN_IN_CHOICE_KEY)).toBeNull();
  });

  it('signs in as a typed catalog user name', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(200, session('hugo.fournier', 'dpj-developers')),
    );
    const onSignInSuccess = jest.fn();
    await renderInTestApp(
      <DevelopmentSignInPage onSignInSuccess={onSignInSuccess} />,
      { config: personas },
    );

    fireEvent.change(
      screen.getByRole('textbox', { name: 'Catalog user name' }),
      { target: { value: ' hugo.fournier ' } },
    );
    fireEvent.click(
      screen.getByRole('button', { name: 'Sign in as catalog user' }),
    );

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    expect(headerOf(fetchMock.mock.calls[0], DEVELOPMENT_USER_HEADER)).toBe(
      'hugo.fournier',
    );
  });

  it('refuses a malformed user name before asking the backend', async () => {
    await renderInTestApp(
      <DevelopmentSignInPage onSignInSuccess={jest.fn()} />,
      { config: personas },
    );

    fireEvent.change(
      screen.getByRole('textbox', { name: 'Catalog user name' }),
      { target: { value: 'user:default/emma' } },
    );
    fireEvent.click(
      screen.getByRole('button', { name: 'Sign in as catalog user' }),
    );

    expect(
      screen.getByText('Not a catalog user name (e.g. emma.bernard)'),
    ).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('signs in again silently after a reload', async () => {
    window.localStorage.setItem(
      SIGN_IN_CHOICE_KEY,
      JSON.stringify({ provider: 'development', userName: 'gaelle.roux' }),
    );
    fetchMock.mockResolvedValue(
      jsonResponse(200, session('gaelle.roux', 'dpj-developers')),
    );
    const onSignInSuccess = jest.fn();
    await renderInTestApp(
      <DevelopmentSignInPage onSignInSuccess={onSignInSuccess} />,
      { config: personas },
    );

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    expect(headerOf(fetchMock.mock.calls[0], DEVELOPMENT_USER_HEADER)).toBe(
      'gaelle.roux',
    );
  });

  it('shows the refusal and the chooser again when the user is not in the catalog', async () => {
    window.localStorage.setItem(
      SIGN_IN_CHOICE_KEY,
      JSON.stringify({ provider: 'development', userName: 'nobody' }),
    );
    fetchMock.mockResolvedValue(
      jsonResponse(403, {
        error: {
          name: 'NotAllowedError',
          message:
            "Development sign-in refused: there is no catalog user 'nobody' (user:default/nobody).",
        },
        request: { method: 'GET', url: '/api/auth/development/refresh' },
        response: { statusCode: 403 },
      }),
    );
    const onSignInSuccess = jest.fn();
    await renderInTestApp(
      <DevelopmentSignInPage onSignInSuccess={onSignInSuccess} />,
      { config: personas },
    );

    expect(
      await screen.findByText(/Could not sign in as nobody/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/there is no catalog user 'nobody'/).length,
    ).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
    expect(onSignInSuccess).not.toHaveBeenCalled();
    expect(window.localStorage.getItem(SIGN_IN_CHOICE_KEY)).toBeNull();
  });

  it('signs in as the guest with Enter', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(200, {
        profile: {},
        backstageIdentity: {
          token: fakeToken(),
          identity: {
            type: 'user',
            userEntityRef: 'user:development/guest',
            ownershipEntityRefs: ['user:development/guest'],
          },
        },
      }),
    );
    const onSignInSuccess = jest.fn();
    await renderInTestApp(
      <DevelopmentSignInPage onSignInSuccess={onSignInSuccess} />,
      { config: personas },
    );

    fireEvent.click(screen.getByRole('button', { name: 'Enter' }));

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    expect(String(fetchMock.mock.calls[0][0])).toBe(
      'http://localhost:7007/api/auth/guest/refresh',
    );
    expect(
      headerOf(fetchMock.mock.calls[0], DEVELOPMENT_USER_HEADER),
    ).toBeNull();
    expect(
      JSON.parse(window.localStorage.getItem(SIGN_IN_CHOICE_KEY)!),
    ).toEqual({ provider: 'guest' });
  });
});
